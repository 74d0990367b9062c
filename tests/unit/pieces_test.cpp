// The runtime's optional pieces: the unit tests use them all, so they are installed before any
// test runs, as a driver installs those its script needs.
#include "pieces.h"
#include "values.h"

#include <gtest/gtest.h>

namespace btc::rt {
namespace {

class InstallPieces : public ::testing::Environment {
public:
  void SetUp() override {
#define BTC_INSTALL(id, name, what) install_##name();
    BTC_RUNTIME_PIECES(BTC_INSTALL)
#undef BTC_INSTALL
  }
};

[[maybe_unused]] ::testing::Environment* const kInstallPieces =
    ::testing::AddGlobalTestEnvironment(new InstallPieces);

TEST(Pieces, EveryPieceHasAnInstaller) {
#define BTC_CHECK(id, name, what) EXPECT_TRUE(piece_installed<Piece::id>()) << #name;
  BTC_RUNTIME_PIECES(BTC_CHECK)
#undef BTC_CHECK
}

TEST(Pieces, AMissingPieceIsOneLine) {
  EXPECT_EXIT(
      {
        piece_detail::g_installed[static_cast<unsigned>(Piece::TSeries)] = nullptr;
        piece<Piece::TSeries>().text(Value{});
      },
      ::testing::ExitedWithCode(1),
      "^btc internal error: this tool was built without the runtime's tseries piece; compile "
      "its script again\n$");
}

} // namespace
} // namespace btc::rt
