// RFC 9106 §3.1: the version v. 0x13 is the RFC; 0x10 is the original PHC submission, kept for verifying old hashes.
namespace NoFuture.Crypto;

/// <summary>The Argon2 version number v.</summary>
public enum Argon2Version
{
    /// <summary>Version 0x10 (16): later passes overwrite blocks instead of XORing into them. For old hashes only.</summary>
    Version10 = 0x10,

    /// <summary>Version 0x13 (19): RFC 9106. The default.</summary>
    Version13 = 0x13,
}
