// RFC 9106 §3.1: the inputs that are not secret and fixed per deployment: type y, version v, memory size m (KiB),
// number of passes t, degree of parallelism p, tag length T. The RFC bounds are enforced here once, so the
// derivation code only asserts. m is rounded down to m' = 4p * floor(m / 4p) blocks by the algorithm, not here.
namespace NoFuture.Crypto;

/// <summary>
/// The cost and shape of an Argon2 derivation (RFC 9106 §3.1). Immutable; validated when constructed.
/// </summary>
/// <remarks>
/// <para><see cref="Rfc9106Second"/> (Argon2id, 64 MiB, t = 3, p = 4) is RFC 9106's recommendation when 2 GiB per
/// hash is too much; <see cref="Owasp"/> (Argon2id, 19 MiB, t = 2, p = 1) is OWASP's minimum for login hashing.</para>
/// </remarks>
public sealed class Argon2Parameters
{
    /// <summary>The largest degree of parallelism, 2^24 - 1 (RFC 9106 §3.1).</summary>
    public const int MaxParallelism = (1 << 24) - 1;

    /// <summary>The smallest tag, 4 bytes (RFC 9106 §3.1).</summary>
    public const int MinTagLength = 4;

    /// <summary>The shortest salt this implementation accepts (8 bytes, as the reference implementation).</summary>
    public const int MinSaltLength = 8;

    /// <summary>Creates parameters and checks them against RFC 9106 §3.1.</summary>
    /// <param name="type">Argon2d, Argon2i or Argon2id.</param>
    /// <param name="memorySizeKib">m: KiB of memory; at least 8 × <paramref name="parallelism"/>.</param>
    /// <param name="iterations">t: the number of passes; at least 1.</param>
    /// <param name="parallelism">p: the number of lanes; 1 to <see cref="MaxParallelism"/>.</param>
    /// <param name="tagLength">T: the output length in bytes; at least <see cref="MinTagLength"/>.</param>
    /// <param name="version">v: <see cref="Argon2Version.Version13"/> unless verifying an old hash.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the RFC's range.</exception>
    public Argon2Parameters(Argon2Type type, int memorySizeKib, int iterations, int parallelism, int tagLength = 32,
        Argon2Version version = Argon2Version.Version13)
    {
        if (type is not (Argon2Type.Argon2d or Argon2Type.Argon2i or Argon2Type.Argon2id))
            CryptoThrowHelper.Argon2Undefined(nameof(type), "type");
        if (version is not (Argon2Version.Version10 or Argon2Version.Version13))
            CryptoThrowHelper.Argon2Undefined(nameof(version), "version");
        if (parallelism is < 1 or > MaxParallelism) CryptoThrowHelper.OutOfRange(nameof(parallelism), 1, MaxParallelism);
        if (iterations < 1) CryptoThrowHelper.OutOfRange(nameof(iterations), 1, int.MaxValue);
        if (tagLength < MinTagLength) CryptoThrowHelper.OutOfRange(nameof(tagLength), MinTagLength, int.MaxValue);
        if (memorySizeKib < 8L * parallelism) CryptoThrowHelper.Argon2MemoryTooSmall(nameof(memorySizeKib), 8L * parallelism);
        Type = type;
        Version = version;
        MemorySizeKib = memorySizeKib;
        Iterations = iterations;
        Parallelism = parallelism;
        TagLength = tagLength;
    }

    /// <summary>RFC 9106 §4, second recommended option: Argon2id, m = 64 MiB, t = 3, p = 4, 32-byte tag.</summary>
    public static Argon2Parameters Rfc9106Second { get; } = new(Argon2Type.Argon2id, 64 * 1024, 3, 4);

    /// <summary>RFC 9106 §4, first recommended option: Argon2id, m = 2 GiB, t = 1, p = 4, 32-byte tag.</summary>
    public static Argon2Parameters Rfc9106First { get; } = new(Argon2Type.Argon2id, 2 * 1024 * 1024, 1, 4);

    /// <summary>OWASP's password-storage minimum: Argon2id, m = 19 MiB, t = 2, p = 1, 32-byte tag.</summary>
    public static Argon2Parameters Owasp { get; } = new(Argon2Type.Argon2id, 19 * 1024, 2, 1);

    /// <summary>y: the variant.</summary>
    public Argon2Type Type { get; }

    /// <summary>v: the version.</summary>
    public Argon2Version Version { get; }

    /// <summary>m: the memory size in KiB (1 KiB blocks).</summary>
    public int MemorySizeKib { get; }

    /// <summary>t: the number of passes over memory.</summary>
    public int Iterations { get; }

    /// <summary>p: the number of lanes, computed in parallel.</summary>
    public int Parallelism { get; }

    /// <summary>T: the tag (output) length in bytes.</summary>
    public int TagLength { get; }

    /// <summary>The same parameters with another tag length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is below <see cref="MinTagLength"/>.</exception>
    public Argon2Parameters WithTagLength(int tagLength) =>
        new(Type, MemorySizeKib, Iterations, Parallelism, tagLength, Version);

    /// <summary>m' = 4p * floor(m / 4p): the number of 1 KiB blocks actually used (RFC 9106 §3.2, step 4).</summary>
    internal int BlockCount => 4 * Parallelism * (MemorySizeKib / (4 * Parallelism));

    /// <summary>"Argon2id(m=…,t=…,p=…,T=…,v=…)": parameters only, nothing secret.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Type}(m={MemorySizeKib},t={Iterations},p={Parallelism},T={TagLength},v={(int)Version})");
}
