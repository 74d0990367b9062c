// A TCP connection over the loopback interface (brought up first: the guest's init does not),
// one message each way, for the cases that trace sockets and packets (socket_cookie(),
// skboutput()). Prints the client socket's cookie (SO_COOKIE) and what the server received,
// and passes the cookie to the tracer as a nanosleep() (clock_nanosleep in static glibc) of that
// many nanoseconds.
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

static int lo_up(void) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) != 0) return -1;
  ifr.ifr_flags |= IFF_UP;
  int r = ioctl(fd, SIOCSIFFLAGS, &ifr);
  close(fd);
  return r;
}

int main(void) {
  if (lo_up() != 0) perror("lo up");
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int server = socket(AF_INET, SOCK_STREAM, 0);
  if (server < 0 || bind(server, (struct sockaddr*)&addr, sizeof addr) != 0 ||
      listen(server, 1) != 0 || getsockname(server, (struct sockaddr*)&addr, &len) != 0) {
    perror("listen");
    return 1;
  }
  int client = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(client, (struct sockaddr*)&addr, sizeof addr) != 0) {
    perror("connect");
    return 1;
  }
  int conn = accept(server, NULL, NULL);
  uint64_t cookie = 0;
  socklen_t clen = sizeof cookie;
  getsockopt(client, SOL_SOCKET, SO_COOKIE, &cookie, &clen);
  struct timespec ts = {0, (long)cookie};
  nanosleep(&ts, NULL);
  const char msg[] = "btc-loopback-payload";
  if (send(client, msg, sizeof msg - 1, 0) != (ssize_t)(sizeof msg - 1)) perror("send");
  char buf[64] = {0};
  ssize_t n = recv(conn, buf, sizeof buf - 1, 0);
  send(conn, "ok", 2, 0);
  recv(client, buf + 32, 8, 0);
  printf("cookie %llu received %zd %s\n", (unsigned long long)cookie, n, buf);
  close(conn);
  close(client);
  close(server);
  return 0;
}
