// RFC 9420 §7.2 LeafNodeSource (uint8): reserved(0), key_package(1), update(2), commit(3). A select() discriminator of
// LeafNode, so an unknown value is refused (InvalidValue).
namespace NoFuture.Mls.Tree;

internal enum LeafNodeSource : byte
{
    KeyPackage = 1,
    Update = 2,
    Commit = 3,
}
