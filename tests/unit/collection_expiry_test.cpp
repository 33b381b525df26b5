// Curated items that expire drop the pages that show them, once, when their
// time comes, on a real store and a clock the test moves.
#include "app/collection_expiry.h"

#include "model/dependencies.h"
#include "sqlite_store_fixture.h"

namespace dateline {
namespace {

class CollectionExpiryTest : public SqliteStoreTest {};

TEST_F(CollectionExpiryTest, InvalidatesACollectionOnceWhenAnItemExpires) {
    int64_t world = section("world");
    int64_t a = create(published(world, "a", kT0));
    int64_t b = create(published(world, "b", kT0));
    Collection top{0, "top-stories", "Top Stories", {}};
    top.items = {CollectionItem{a, 0, false, kT0 + 10s}, CollectionItem{b, 0, false, kT0 + 20s}};
    ASSERT_TRUE(store().collections().put(top).ok());
    Collection other{0, "election", "Election", {}};
    other.items = {CollectionItem{a, 0, false, std::nullopt}};
    ASSERT_TRUE(store().collections().put(other).ok());

    EXPECT_EQ(store().collections().expiring_between(kT0, kT0 + 10s),
              std::vector<std::string>{"top-stories"});
    EXPECT_TRUE(store().collections().expiring_between(kT0 + 10s, kT0 + 19s).empty());

    ManualClock clock(kT0);
    std::vector<std::vector<std::string>> calls;
    CollectionExpiry expiry(store(), clock,
                            [&](const std::vector<std::string>& keys) { calls.push_back(keys); });
    clock.advance(5s);
    EXPECT_EQ(expiry.tick(), 0);
    clock.advance(5s);  // a's expiry
    EXPECT_EQ(expiry.tick(), 1);
    EXPECT_EQ(expiry.tick(), 0) << "once";
    clock.advance(60s);  // b's expiry passed between ticks
    EXPECT_EQ(expiry.tick(), 1);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0], std::vector<std::string>{deps::collection("top-stories")});
    EXPECT_EQ(calls[1], std::vector<std::string>{deps::collection("top-stories")});
}

}  // namespace
}  // namespace dateline
