// The files a process runs code from, for probes whose binary is every file of a process
// (`usdt:*:provider:name` with -p/-c) or of every running process (`usdt:*:...` alone).
#pragma once

#include <string>
#include <vector>

namespace btc::rt {

// Whether the process whose /proc directory is `proc` ("/proc/1234") sees files at the paths
// this one does.
bool same_mount_namespace(const std::string& proc);

// The files process `pid` maps executable (its program and shared libraries), each once, in
// the order of /proc/PID/maps, named as this process reaches them: the path the process maps,
// under /proc/PID/root when it is in another mount namespace. Deleted files are left out. False
// with `error` (one line) when its mappings cannot be read.
bool files_mapped_by(int pid, std::vector<std::string>& files, std::string& error);

// files_mapped_by() of every running process: each file once, however many processes map it
// and by whatever path, sorted by name.
std::vector<std::string> files_mapped_by_all();

// The files the dynamic linker maps when `program` starts, before the program's own code runs:
// the program, its interpreter, the libraries of LD_PRELOAD and /etc/ld.so.preload, and those it
// needs (DT_NEEDED, recursively), found where ld.so finds them (DT_RPATH, LD_LIBRARY_PATH,
// DT_RUNPATH, with $ORIGIN; ld.so.cache; the system directories). Each by its real path, as
// /proc/PID/maps names it; for a script ("#!"), those of its interpreter. Libraries loaded
// later (dlopen) cannot be known before it runs.
std::vector<std::string> files_loaded_at_start(const std::string& program);

} // namespace btc::rt
