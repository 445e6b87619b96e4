// The parse tree node of the rule grammar, and the pool its nodes come from.
//
// PEGTL's parse tree creates a node for every attempt at a rule that may hold
// selected nodes, and discards most of them when the attempt fails or folds
// away: about four nodes per byte of a rule file. Taken from the general
// purpose allocator, that was half of the parse time (and most of a fuzzer's
// time under AddressSanitizer). A NodePool serves every node of one parse
// from a free list over blocks it owns, and frees the blocks at once.
#pragma once

#include <cassert>
#include <cstddef>
#include <memory_resource>
#include <new>

#include <tao/pegtl/contrib/parse_tree.hpp>

namespace tholos::grammar {

// While a NodePool lives, the nodes its thread creates are allocated from it.
// Every tree must be destroyed before the pool is (trees live inside one
// parse call, the pool around it). Pools nest; the innermost one is used.
class NodePool {
 public:
  NodePool() : previous_(current_) { current_ = this; }
  ~NodePool() { current_ = previous_; }
  NodePool(const NodePool&) = delete;
  NodePool& operator=(const NodePool&) = delete;

  static void* allocate(std::size_t size) {
    NodePool* pool = current_;
    if (pool == nullptr) return ::operator new(size);
    if (pool->free_ != nullptr) {
      FreeNode* node = pool->free_;
      pool->free_ = node->next;
      return node;
    }
    return pool->blocks_.allocate(size, alignof(std::max_align_t));
  }

  static void deallocate(void* p, [[maybe_unused]] std::size_t size) noexcept {
    NodePool* pool = current_;
    if (pool == nullptr) {
      ::operator delete(p);
      return;
    }
    assert(size >= sizeof(FreeNode));
    pool->free_ = ::new (p) FreeNode{pool->free_};
  }

 private:
  struct FreeNode {
    FreeNode* next;
  };

  std::pmr::monotonic_buffer_resource blocks_{64 * 1024};
  FreeNode* free_ = nullptr;
  NodePool* previous_;
  static inline thread_local NodePool* current_ = nullptr;
};

// PEGTL's node with its allocation from the current NodePool. All nodes have
// one size (the class is final), so a freed node fits any later one.
struct Node final : tao::pegtl::parse_tree::basic_node<Node> {
  static void* operator new(std::size_t size) { return NodePool::allocate(size); }
  static void operator delete(void* p, std::size_t size) noexcept { NodePool::deallocate(p, size); }
};

}  // namespace tholos::grammar
