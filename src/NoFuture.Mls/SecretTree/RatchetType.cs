// RFC 9420 §9: each leaf of the secret tree starts two hash ratchets, one for handshake messages (Proposal and Commit)
// and one for application messages; their roots use the labels "handshake" and "application".
namespace NoFuture.Mls.SecretTree;

/// <summary>Which of a leaf's two sender ratchets (RFC 9420 §9) a key comes from.</summary>
internal enum RatchetType
{
    /// <summary>Proposal and Commit messages: the ratchet rooted at ExpandWithLabel(leaf secret, "handshake", "", Nh).</summary>
    Handshake = 0,

    /// <summary>Application messages: the ratchet rooted at ExpandWithLabel(leaf secret, "application", "", Nh).</summary>
    Application = 1,
}
