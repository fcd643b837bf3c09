// RFC 9106 §3.1: the type y selects the addressing: data-dependent (d), data-independent (i) or hybrid (id).
namespace NoFuture.Crypto;

/// <summary>The Argon2 variant (RFC 9106 §3.1, the value y).</summary>
public enum Argon2Type
{
    /// <summary>Argon2d (y = 0): data-dependent addressing. Fastest against GPU attacks, but leaks through cache timing.</summary>
    Argon2d = 0,

    /// <summary>Argon2i (y = 1): data-independent addressing throughout.</summary>
    Argon2i = 1,

    /// <summary>Argon2id (y = 2): data-independent for the first half pass, then data-dependent. RFC 9106's recommendation.</summary>
    Argon2id = 2,
}
