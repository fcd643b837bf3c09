namespace NoFuture.Native;

/// <summary>The type tag in the top byte of a handle (docs/native.md, "Handles").</summary>
internal enum HandleKind : byte
{
    None = 0,
    Secret = 1,
    Enclave = 2,
    InterruptGuard = 3,
    KemKey = 4,
    HpkeKey = 5,
    X25519Key = 6,
    SigningKey = 7,
}
