// RFC 9420 §7.8 NodeType (uint8): reserved(0), leaf(1), parent(2). A select() discriminator of Node, so an unknown
// value is refused (InvalidValue).
namespace NoFuture.Mls.Tree;

internal enum NodeType : byte
{
    Leaf = 1,
    Parent = 2,
}
