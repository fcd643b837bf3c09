// The most a stored PHC string may make Argon2PhcString.Verify spend. A PHC string carries its own cost (m, t, p), and
// it is input: read from a database, a backup or another system's export. Without a ceiling, "m=4194304" makes one
// verification take 4 GiB, and "m=65536,t=100000" keeps a core busy for hours.
// Two resources are bounded, each by one number, checked before anything is allocated or derived:
//   memory: m KiB (the matrix is m KiB, locked when the budget allows);
//   time:   m × t KiB (each of the t passes computes all m blocks, so the running time is proportional to m × t).
// Default: exactly the cost of the costliest built-in preset, Argon2Parameters.Rfc9106First (RFC 9106 §4, the first
// recommended option: m = 2 GiB, t = 1), so every built-in preset verifies and no string costs more than hashing
// with the most expensive option the RFC recommends. Rfc9106Second (64 MiB × 3) and OWASP's configurations (at most
// 46 MiB × 1 or 7 MiB × 5) fit with room to spare.
// Not bounded: p (it sets how many threads share the work, at most the processor count, not how much work there is)
// and the salt and hash lengths (Parse refuses strings longer than 4096 characters).
using System.Globalization;

namespace NoFuture.Crypto;

/// <summary>
/// The most memory and work <see cref="Argon2PhcString.Verify(string, ReadOnlySpan{byte}, Argon2VerifyLimits, CancellationToken)"/>
/// spends on a stored string. A string above either limit is refused with an <see cref="Argon2Exception"/> before any
/// memory is allocated or any hashing is done.
/// </summary>
/// <remarks>
/// <para><see cref="Default"/> admits the cost of <see cref="Argon2Parameters.Rfc9106First"/> (2 GiB, one pass), the
/// costliest built-in preset, and so every built-in preset. Hashes made with more (for example libsodium's
/// <c>crypto_pwhash</c> "sensitive" limits, 1 GiB × 4 passes) need larger limits.</para>
/// <para>Where every stored string was written by your own code, set the limits to the parameters you hash with:
/// <c>new Argon2VerifyLimits(m, m * t)</c>.</para>
/// </remarks>
public sealed class Argon2VerifyLimits
{
    /// <summary>The default memory ceiling: 2 GiB (2,097,152 KiB), the memory of <see cref="Argon2Parameters.Rfc9106First"/>.</summary>
    public const int DefaultMaxMemorySizeKib = 2 * 1024 * 1024;

    /// <summary>The default work ceiling: 2,097,152 KiB of blocks, the work of <see cref="Argon2Parameters.Rfc9106First"/> (2 GiB × 1 pass).</summary>
    public const long DefaultMaxWorkKib = 2L * 1024 * 1024;

    private const int Smallest = 8; // the smallest Argon2 matrix: 8 KiB (m >= 8p, p >= 1), one pass

    /// <summary>Creates limits.</summary>
    /// <param name="maxMemorySizeKib">The largest memory size m, in KiB, a string may ask for; at least 8.</param>
    /// <param name="maxWorkKib">The largest m × t, in KiB (blocks computed over all passes); at least 8.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 8 (it would refuse every string).</exception>
    public Argon2VerifyLimits(int maxMemorySizeKib = DefaultMaxMemorySizeKib, long maxWorkKib = DefaultMaxWorkKib)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMemorySizeKib, Smallest);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWorkKib, Smallest);
        MaxMemorySizeKib = maxMemorySizeKib;
        MaxWorkKib = maxWorkKib;
    }

    /// <summary>2 GiB of memory and 2 GiB × 1 pass of work: the cost of <see cref="Argon2Parameters.Rfc9106First"/>.</summary>
    public static Argon2VerifyLimits Default { get; } = new();

    /// <summary>The largest memory size m (KiB) a string may ask for.</summary>
    public int MaxMemorySizeKib { get; }

    /// <summary>The largest m × t (KiB): the blocks computed over all passes, which sets how long a verification runs.</summary>
    public long MaxWorkKib { get; }

    /// <summary>True when a string with <paramref name="parameters"/> is within these limits.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    public bool Admits(Argon2Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Refusal(parameters) == Argon2Error.Unknown;
    }

    /// <summary>"Argon2VerifyLimits(m&lt;=…,m*t&lt;=…)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Argon2VerifyLimits(m<={MaxMemorySizeKib},m*t<={MaxWorkKib})");

    /// <summary>Throws <see cref="Argon2Exception"/> when <paramref name="parameters"/> are above a limit. No allocation.</summary>
    internal void Check(Argon2Parameters parameters)
    {
        switch (Refusal(parameters))
        {
            case Argon2Error.MemoryLimitExceeded:
                CryptoThrowHelper.Argon2LimitExceeded(Argon2Error.MemoryLimitExceeded, parameters.MemorySizeKib, MaxMemorySizeKib);
                break;
            case Argon2Error.WorkLimitExceeded:
                CryptoThrowHelper.Argon2LimitExceeded(Argon2Error.WorkLimitExceeded, Work(parameters), MaxWorkKib);
                break;
        }
    }

    private Argon2Error Refusal(Argon2Parameters parameters) =>
        parameters.MemorySizeKib > MaxMemorySizeKib ? Argon2Error.MemoryLimitExceeded
        : Work(parameters) > MaxWorkKib ? Argon2Error.WorkLimitExceeded
        : Argon2Error.Unknown;

    private static long Work(Argon2Parameters parameters) => (long)parameters.MemorySizeKib * parameters.Iterations;
}
