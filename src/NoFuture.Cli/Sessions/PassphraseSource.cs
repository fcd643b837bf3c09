// Where `nofuture session` gets the state's passphrase, in this order: --passphrase-file FILE, the environment variable
// NOFUTURE_PASSPHRASE, an interactive prompt. It always lands in a Secret, never in a string: the file is read
// unbuffered straight into secret memory; on Linux the variable is read from /proc/self/environ the same way (the
// process's environment block itself is plain memory the process owner can read, which the help says).
using NoFuture.Memory;

namespace NoFuture.Cli.Sessions;

internal static class PassphraseSource
{
    internal const string EnvironmentVariable = "NOFUTURE_PASSPHRASE";
    private const int MaxLength = Secret.DefaultMaxPassphraseLength;

    /// <summary>Gets the passphrase; <paramref name="confirm"/> asks twice at a prompt (for a new state).</summary>
    /// <exception cref="CliFailure">The file is unreadable or empty (<see cref="ExitCodes.BadInput"/>), or there is no
    /// source at all (<see cref="ExitCodes.Usage"/>).</exception>
    internal static Secret Get(string? file, bool confirm)
    {
        if (file is not null) return FromFile(file);
        if (FromEnvironment() is Secret fromEnvironment) return fromEnvironment;
        try
        {
            Secret first = Secret.ReadPassphrase("Passphrase for the state: ");
            if (!confirm) return first;
            using Secret second = Secret.ReadPassphrase("Again: ");
            if (first.FixedTimeEquals(second)) return first;
            first.Dispose();
            throw CliFailure.Create(ExitCodes.Usage, "the two passphrases differ.");
        }
        catch (InvalidOperationException)
        {
            throw CliFailure.Create(ExitCodes.Usage,
                $"no passphrase: give --passphrase-file FILE or set {EnvironmentVariable}, or run at a terminal.");
        }
        catch (SecureMemoryException e) when (e.Error is SecureMemoryError.InputEmpty or SecureMemoryError.InputTooLong)
        {
            throw CliFailure.Create(ExitCodes.Usage, $"the passphrase must be 1 to {MaxLength} bytes.");
        }
    }

    private static Secret FromFile(string path)
    {
        try
        {
            // bufferSize 0: no FileStream buffer, the bytes go from the kernel straight into secret memory.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            using Secret raw = Secret.ReadToEnd(stream, MaxLength + 2);
            return TrimLineEnd(raw, $"the passphrase file '{path}'");
        }
        catch (SecureMemoryException e) when (e.Error is SecureMemoryError.InputEmpty or SecureMemoryError.InputTooLong)
        {
            throw CliFailure.Create(ExitCodes.BadInput, $"the passphrase file '{path}' must hold 1 to {MaxLength} bytes.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Create(ExitCodes.BadInput, $"cannot read the passphrase file '{path}': {e.Message}");
        }
    }

    private static Secret? FromEnvironment()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere there is no environ file: the value comes as a string (it is in the environment block anyway).
            string? value = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrEmpty(value)) return null;
            return Secret.MoveFrom(System.Text.Encoding.UTF8.GetBytes(value)); // MoveFrom wipes the byte[] copy
        }
        const int MaxEnvironment = 1 << 20;
        using var stream = new FileStream("/proc/self/environ", FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        using Secret environ = Secret.ReadToEnd(stream, MaxEnvironment);
        using SecretReadLease lease = environ.OpenRead();
        ReadOnlySpan<byte> rest = lease.Span;
        ReadOnlySpan<byte> prefix = "NOFUTURE_PASSPHRASE="u8;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)0);
            ReadOnlySpan<byte> entry = end < 0 ? rest : rest[..end];
            if (entry.StartsWith(prefix))
            {
                ReadOnlySpan<byte> value = entry[prefix.Length..];
                if (value.IsEmpty) return null;
                if (value.Length > MaxLength)
                    throw CliFailure.Create(ExitCodes.Usage, $"{EnvironmentVariable} must hold 1 to {MaxLength} bytes.");
                return Secret.CopyFrom(value);
            }
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return null;
    }

    /// <summary>Drops one trailing "\n" or "\r\n" (what an editor or `echo` leaves), copying into a new secret.</summary>
    private static Secret TrimLineEnd(Secret raw, string what)
    {
        using SecretReadLease lease = raw.OpenRead();
        ReadOnlySpan<byte> value = lease.Span;
        if (value.EndsWith("\n"u8)) value = value[..^1];
        if (value.EndsWith("\r"u8)) value = value[..^1];
        if (value.IsEmpty || value.Length > MaxLength)
            throw CliFailure.Create(ExitCodes.BadInput, $"{what} must hold 1 to {MaxLength} bytes.");
        return Secret.CopyFrom(value);
    }
}
