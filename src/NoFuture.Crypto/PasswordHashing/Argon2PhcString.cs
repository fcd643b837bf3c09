// The PHC string format for Argon2 hashes (P-H-C/phc-string-format; as written by the reference implementation):
//   $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>
// salt and hash in standard base64 without padding. Parsing is strict: fields in this order, decimal numbers
// without sign or leading zeros, canonical base64, parameters within RFC 9106's ranges. A missing "v=" means
// version 0x10, as in the reference. Errors are Argon2Exception(MalformedString) naming the field, never echoing the input.
// Verification first checks the string's cost against Argon2VerifyLimits (default: the cost of the costliest built-in
// preset), since the string is input and its m and t decide the memory and time spent; then it recomputes the hash
// into secret memory and compares in constant time. Hash refuses a tag too long for a string Parse would accept.
using System.Globalization;
using System.Text;
using NoFuture.Memory;

namespace NoFuture.Crypto;

/// <summary>
/// An Argon2 hash in the PHC string format: parameters, salt and hash. Use <see cref="Hash"/> to create one for a new
/// password and <see cref="Verify(string, ReadOnlySpan{byte}, CancellationToken)"/> to check a password against a stored string.
/// </summary>
/// <remarks>
/// <para>The stored hash is not secret material in the sense of a key, but it is password-equivalent for offline
/// guessing: store it as you would store any password hash.</para>
/// <para>A stored string states its own cost, and <c>Verify</c> would spend it: the memory size m and m × t (the
/// running time) are therefore bounded by <see cref="Argon2VerifyLimits"/> before any work, by default
/// <see cref="Argon2VerifyLimits.Default"/> (the cost of <see cref="Argon2Parameters.Rfc9106First"/>, 2 GiB × 1 pass).
/// A string above the limits throws <see cref="Argon2Exception"/> rather than returning <see langword="false"/>: it
/// is not a wrong password, and the refusal should be seen.</para>
/// </remarks>
public sealed class Argon2PhcString
{
    /// <summary>The length of the random salt <see cref="Hash"/> generates (16 bytes, RFC 9106's recommendation).</summary>
    public const int SaltLength = 16;

    private const int MaxEncodedLength = 4096;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private Argon2PhcString(Argon2Parameters parameters, byte[] salt, byte[] hash)
    {
        Parameters = parameters;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>The parameters; <see cref="Argon2Parameters.TagLength"/> is the hash length.</summary>
    public Argon2Parameters Parameters { get; }

    /// <summary>The salt.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The hash (the Argon2 tag).</summary>
    public ReadOnlySpan<byte> HashBytes => _hash;

    /// <summary>Hashes a password with a fresh random salt and returns the PHC string.</summary>
    /// <param name="password">A span over the password in secret memory.</param>
    /// <param name="parameters">The cost; <see cref="Argon2Parameters.Rfc9106Second"/> or <see cref="Argon2Parameters.Owasp"/> are good defaults.</param>
    /// <param name="cancellationToken">Stops a long derivation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The tag length would make the string longer than <see cref="Parse"/>
    /// accepts (4096 characters; about 3000 bytes of tag), or the memory size exceeds the memory available to the
    /// process (both name <paramref name="parameters"/>).</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled.</exception>
    public static string Hash(ReadOnlySpan<byte> password, Argon2Parameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // Before the derivation: a string Parse cannot read could never be verified.
        if (EncodedLength(parameters, SaltLength, parameters.TagLength) > MaxEncodedLength)
            CryptoThrowHelper.Argon2PhcTooLong(nameof(parameters), MaxEncodedLength);
        Span<byte> salt = stackalloc byte[SaltLength];
        System.Security.Cryptography.RandomNumberGenerator.Fill(salt);
        byte[] hash = new byte[parameters.TagLength]; // public output: the stored verifier
        Argon2.DeriveKey(password, salt, parameters, hash, cancellationToken: cancellationToken);
        return Format(parameters, salt, hash);
    }

    /// <summary>
    /// Checks a password against a PHC string, in constant time over the hash, if the string's cost is within
    /// <see cref="Argon2VerifyLimits.Default"/> (2 GiB of memory, 2 GiB × 1 pass of work).
    /// </summary>
    /// <returns>True when the password gives the stored hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="phc"/> is null.</exception>
    /// <exception cref="Argon2Exception">The string is malformed (<see cref="Argon2Error.MalformedString"/>).</exception>
    /// <exception cref="Argon2Exception">The string's memory size or m × t is above the default limits; nothing was
    /// allocated or computed (<see cref="Argon2Exception.Error"/> says which).</exception>
    /// <exception cref="Argon2Exception">The memory size exceeds the memory available to the process (<see cref="Argon2Error.MemoryUnavailable"/>).</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled.</exception>
    public static bool Verify(string phc, ReadOnlySpan<byte> password, CancellationToken cancellationToken = default) =>
        Verify(phc, password, Argon2VerifyLimits.Default, cancellationToken);

    /// <summary>Checks a password against a PHC string if the string's cost is within <paramref name="limits"/>.</summary>
    /// <returns>True when the password gives the stored hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="phc"/> or <paramref name="limits"/> is null.</exception>
    /// <exception cref="Argon2Exception">The string is malformed (<see cref="Argon2Error.MalformedString"/>).</exception>
    /// <exception cref="Argon2Exception">The string's memory size or m × t is above <paramref name="limits"/>; nothing
    /// was allocated or computed.</exception>
    /// <exception cref="Argon2Exception">The memory size exceeds the memory available to the process (<see cref="Argon2Error.MemoryUnavailable"/>).</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled.</exception>
    public static bool Verify(string phc, ReadOnlySpan<byte> password, Argon2VerifyLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Parse(phc).Verify(password, limits, cancellationToken);
    }

    /// <summary>
    /// Checks a password against this hash, in constant time over the hash, if its cost is within
    /// <see cref="Argon2VerifyLimits.Default"/>.
    /// </summary>
    /// <exception cref="Argon2Exception">The memory size or m × t is above the default limits; nothing was computed.</exception>
    /// <exception cref="Argon2Exception">The memory size exceeds the memory available to the process (<see cref="Argon2Error.MemoryUnavailable"/>).</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled.</exception>
    public bool Verify(ReadOnlySpan<byte> password, CancellationToken cancellationToken = default) =>
        Verify(password, Argon2VerifyLimits.Default, cancellationToken);

    /// <summary>Checks a password against this hash if its cost is within <paramref name="limits"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is null.</exception>
    /// <exception cref="Argon2Exception">The memory size or m × t is above <paramref name="limits"/>; nothing was computed.</exception>
    /// <exception cref="Argon2Exception">The memory size exceeds the memory available to the process (<see cref="Argon2Error.MemoryUnavailable"/>).</exception>
    /// <exception cref="OperationCanceledException">The derivation was cancelled.</exception>
    public bool Verify(ReadOnlySpan<byte> password, Argon2VerifyLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Check(Parameters); // before any allocation or hashing
        Argon2.CheckMemoryAvailable(Parameters, fromStoredString: true);
        using Secret computed = Secret.Allocate(_hash.Length);
        using SecretWriteLease lease = computed.OpenWrite();
        Argon2.DeriveKey(password, _salt, Parameters, lease.Span, cancellationToken: cancellationToken);
        return ConstantTime.AreEqual(lease.Span, _hash);
    }

    /// <summary>Encodes parameters, salt and hash as a PHC string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException">The salt is too short, or the hash length differs from the tag length.</exception>
    public static string Format(Argon2Parameters parameters, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> hash)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (salt.Length < Argon2Parameters.MinSaltLength) CryptoThrowHelper.TooSmall(nameof(salt), Argon2Parameters.MinSaltLength);
        if (hash.Length != parameters.TagLength) CryptoThrowHelper.WrongSize(nameof(hash), parameters.TagLength);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix(parameters)}${Base64(salt)}${Base64(hash)}");
    }

    /// <summary>"$argon2id$v=19$m=…,t=…,p=…": everything before the salt.</summary>
    private static string Prefix(Argon2Parameters parameters)
    {
        string type = parameters.Type switch
        {
            Argon2Type.Argon2d => "argon2d",
            Argon2Type.Argon2i => "argon2i",
            _ => "argon2id",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"${type}$v={(int)parameters.Version}$m={parameters.MemorySizeKib},t={parameters.Iterations},p={parameters.Parallelism}");
    }

    /// <summary>The length <see cref="Format"/> would give, computed without the bytes (unpadded base64: ⌈4n / 3⌉).</summary>
    private static long EncodedLength(Argon2Parameters parameters, int saltLength, int hashLength) =>
        Prefix(parameters).Length + 1 + (4L * saltLength + 2) / 3 + 1 + (4L * hashLength + 2) / 3;

    /// <summary>Parses a PHC string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="phc"/> is null.</exception>
    /// <exception cref="Argon2Exception">The string is malformed (<see cref="Argon2Error.MalformedString"/>); the message names the field, never the content.</exception>
    public static Argon2PhcString Parse(string phc)
    {
        ArgumentNullException.ThrowIfNull(phc);
        if (phc.Length > MaxEncodedLength) CryptoThrowHelper.Argon2PhcMalformed("length (too long)");
        string[] fields = phc.Split('$');
        // "", type, [v=..], m=..,t=..,p=.., salt, hash
        if (fields.Length is not (5 or 6) || fields[0].Length != 0) CryptoThrowHelper.Argon2PhcMalformed("structure ($-separated fields)");
        Argon2Type type = fields[1] switch
        {
            "argon2d" => Argon2Type.Argon2d,
            "argon2i" => Argon2Type.Argon2i,
            "argon2id" => Argon2Type.Argon2id,
            _ => Fail<Argon2Type>("type"),
        };
        int next = 2;
        var version = Argon2Version.Version10;
        if (fields.Length == 6)
        {
            if (!fields[2].StartsWith("v=", StringComparison.Ordinal)) CryptoThrowHelper.Argon2PhcMalformed("version (v)");
            version = Decimal(fields[2].AsSpan(2), "version (v)") switch
            {
                0x10 => Argon2Version.Version10,
                0x13 => Argon2Version.Version13,
                _ => Fail<Argon2Version>("version (v)"),
            };
            next = 3;
        }
        string[] costs = fields[next].Split(',');
        if (costs.Length != 3) CryptoThrowHelper.Argon2PhcMalformed("parameters (m,t,p)");
        int m = Field(costs[0], "m=", "memory (m)");
        int t = Field(costs[1], "t=", "iterations (t)");
        int p = Field(costs[2], "p=", "parallelism (p)");
        if (p is < 1 or > Argon2Parameters.MaxParallelism) CryptoThrowHelper.Argon2PhcMalformed("parallelism (p)");
        if (t < 1) CryptoThrowHelper.Argon2PhcMalformed("iterations (t)");
        if (m < 8L * p) CryptoThrowHelper.Argon2PhcMalformed("memory (m)");
        byte[] salt = FromBase64(fields[next + 1], "salt");
        byte[] hash = FromBase64(fields[next + 2], "hash");
        if (salt.Length < Argon2Parameters.MinSaltLength) CryptoThrowHelper.Argon2PhcMalformed("salt (too short)");
        if (hash.Length < Argon2Parameters.MinTagLength) CryptoThrowHelper.Argon2PhcMalformed("hash (too short)");
        return new Argon2PhcString(new Argon2Parameters(type, m, t, p, hash.Length, version), salt, hash);
    }

    /// <summary>Parses a PHC string; false (and null) when it is malformed.</summary>
    public static bool TryParse(string? phc, out Argon2PhcString? result)
    {
        result = null;
        if (phc is null) return false;
        try
        {
            result = Parse(phc);
            return true;
        }
        catch (Argon2Exception e) when (e.Error == Argon2Error.MalformedString)
        {
            return false;
        }
    }

    /// <summary>The PHC string.</summary>
    public override string ToString() => Format(Parameters, _salt, _hash);

    private static int Field(string text, string prefix, string name)
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) CryptoThrowHelper.Argon2PhcMalformed(name);
        return Decimal(text.AsSpan(prefix.Length), name);
    }

    /// <summary>A decimal number: ASCII digits, no sign, no leading zero, at most int.MaxValue.</summary>
    private static int Decimal(ReadOnlySpan<char> text, string name)
    {
        if (text.IsEmpty || text.Length > 10 || (text[0] == '0' && text.Length > 1)) CryptoThrowHelper.Argon2PhcMalformed(name);
        long value = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '9') CryptoThrowHelper.Argon2PhcMalformed(name);
            value = value * 10 + (c - '0');
        }
        if (value > int.MaxValue) CryptoThrowHelper.Argon2PhcMalformed(name);
        return (int)value;
    }

    private static string Base64(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    /// <summary>Standard base64 without padding; non-canonical encodings (non-zero unused bits) are refused.</summary>
    private static byte[] FromBase64(string text, string name)
    {
        if (text.Length == 0 || text.Length % 4 == 1) CryptoThrowHelper.Argon2PhcMalformed(name);
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/')) CryptoThrowHelper.Argon2PhcMalformed(name);
        }
        var padded = new StringBuilder(text, text.Length + 3);
        padded.Append('=', (4 - text.Length % 4) % 4);
        byte[] bytes = Convert.FromBase64String(padded.ToString());
        if (!string.Equals(Base64(bytes), text, StringComparison.Ordinal)) CryptoThrowHelper.Argon2PhcMalformed(name);
        return bytes;
    }

    private static T Fail<T>(string field)
    {
        CryptoThrowHelper.Argon2PhcMalformed(field);
        return default!;
    }
}
