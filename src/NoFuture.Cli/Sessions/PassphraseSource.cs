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
        // Scanned in a small secret window (the environment can be up to a few MiB; only our entry is secret, but no
        // byte is known not to be part of it until the entries are split): entries end with NUL.
        ReadOnlySpan<byte> prefix = "NOFUTURE_PASSPHRASE="u8;
        using var stream = new FileStream("/proc/self/environ", FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        using Secret window = Secret.Allocate(4096 + MaxLength);
        using SecretWriteLease lease = window.OpenWrite();
        Span<byte> buffer = lease.Span;
        int filled = 0;
        bool skipping = false; // inside an entry too long to be ours: drop bytes up to its NUL
        while (true)
        {
            int n = stream.Read(buffer[filled..]);
            bool atEnd = n == 0;
            filled += n;
            int start = 0;
            while (true)
            {
                int nul = buffer[start..filled].IndexOf((byte)0);
                if (nul < 0 && !atEnd) break;
                int length = nul < 0 ? filled - start : nul;
                ReadOnlySpan<byte> entry = buffer.Slice(start, length);
                if (!skipping && entry.StartsWith(prefix))
                {
                    ReadOnlySpan<byte> value = entry[prefix.Length..];
                    if (value.IsEmpty) return null;
                    if (value.Length > MaxLength)
                        throw CliFailure.Create(ExitCodes.Usage, $"{EnvironmentVariable} must hold 1 to {MaxLength} bytes.");
                    return Secret.CopyFrom(value);
                }
                skipping = false;
                start += length + (nul < 0 ? 0 : 1);
                if (nul < 0 || start >= filled) break;
            }
            if (atEnd) return null;
            if (start == 0 && filled == buffer.Length)
            {
                // One entry fills the window: longer than ours can be (prefix + MaxLength), unless it is ours.
                if (!skipping && buffer.StartsWith(prefix))
                    throw CliFailure.Create(ExitCodes.Usage, $"{EnvironmentVariable} must hold 1 to {MaxLength} bytes.");
                skipping = true;
                buffer.Clear();
                filled = 0;
                continue;
            }
            buffer[start..filled].CopyTo(buffer);
            buffer[(filled - start)..filled].Clear();
            filled -= start;
        }
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
