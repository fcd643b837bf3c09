// A passphrase typed at the terminal, read without echo byte by byte straight into secret memory: it never
// passes through a string, a char[] or Console's buffers. On Unix the terminal is /dev/tty (so it works with
// redirected stdin/stdout); echo is switched off with termios and restored on every path.
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using NoFuture.Memory.Interop;

namespace NoFuture.Memory;

public sealed unsafe partial class Secret
{
    /// <summary>The default upper bound for <see cref="ReadPassphrase"/>.</summary>
    public const int DefaultMaxPassphraseLength = 1024;

    /// <summary>
    /// Prints <paramref name="prompt"/> on the terminal and reads a line without echo into a new secret (UTF-8 as
    /// typed, without the line ending).
    /// </summary>
    /// <param name="prompt">Shown before reading; not secret.</param>
    /// <param name="maxLength">The longest passphrase accepted, in bytes.</param>
    /// <param name="options">Allocation options for the result.</param>
    /// <exception cref="InvalidOperationException">There is no terminal.</exception>
    /// <exception cref="SecureMemoryException">The passphrase is empty (<see cref="SecureMemoryError.InputEmpty"/>) or longer than
    /// <paramref name="maxLength"/> (<see cref="SecureMemoryError.InputTooLong"/>; it is wiped).</exception>
    public static Secret ReadPassphrase(string prompt, int maxLength = DefaultMaxPassphraseLength, SecretOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if ((uint)(maxLength - 1) >= MaxLength) ThrowHelper.BadLength(nameof(maxLength));
        using Secret staging = Allocate(maxLength + 1, new SecretOptions { Tier = SecretTier.Guarded, Policy = options?.Policy });
        int length;
        using (SecretWriteLease lease = staging.OpenWrite())
        {
            length = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
                ? ReadLineUnix(prompt, lease.Span)
                : ReadLineWindows(prompt, lease.Span);
        }
        if (length == 0) ThrowHelper.InputRejected(SecureMemoryError.InputEmpty);
        if (length > maxLength) ThrowHelper.InputRejected(SecureMemoryError.InputTooLong);
        using SecretReadLease read = staging.OpenRead();
        return CopyFrom(read.Span[..length], options);
    }

    /// <summary>Reads one line into <paramref name="buffer"/>; returns its length, or buffer.Length + 0 when too long.</summary>
    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("macos")]
    private static int ReadLineUnix(string prompt, Span<byte> buffer)
    {
        const int O_RDWR = 2, TCSAFLUSH = 2;
        bool mac = OperatingSystem.IsMacOS();
        int lflagOffset = mac ? 24 : 12;
        ulong echo = 0x8, echoNewline = mac ? 0x10UL : 0x40UL;

        int fd = LibCPosix.Open("/dev/tty", O_RDWR);
        if (fd < 0) ThrowHelper.NoTerminal(Marshal.GetLastPInvokeError());
        byte* saved = stackalloc byte[256];
        byte* quiet = stackalloc byte[256];
        try
        {
            if (LibCPosix.Tcgetattr(fd, saved) != 0)
                ThrowHelper.OsCallFailed("tcgetattr", Marshal.GetLastPInvokeError());
            new ReadOnlySpan<byte>(saved, 256).CopyTo(new Span<byte>(quiet, 256));
            if (mac) *(ulong*)(quiet + lflagOffset) = (*(ulong*)(quiet + lflagOffset) & ~echo) | echoNewline;
            else *(uint*)(quiet + lflagOffset) = (uint)((*(uint*)(quiet + lflagOffset) & ~echo) | echoNewline);

            byte[] promptBytes = Encoding.UTF8.GetBytes(prompt);
            fixed (byte* p = promptBytes) LibCPosix.Write(fd, p, (nuint)promptBytes.Length);
            if (LibCPosix.Tcsetattr(fd, TCSAFLUSH, quiet) != 0)
                ThrowHelper.OsCallFailed("tcsetattr", Marshal.GetLastPInvokeError());
            try
            {
                return ReadLine(fd, buffer);
            }
            finally
            {
                LibCPosix.Tcsetattr(fd, TCSAFLUSH, saved);
            }
        }
        finally
        {
            LibCPosix.Close(fd);
        }
    }

    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("macos")]
    private static int ReadLine(int fd, Span<byte> buffer)
    {
        const int EINTR = 4;
        int length = 0;
        byte discard = 0;
        fixed (byte* start = buffer)
        {
            while (true)
            {
                // SAFETY: at most one byte is written, at start + length < start + buffer.Length, or into `discard`
                // once the line is longer than the buffer (the rest of the line is consumed and dropped).
                byte* target = length < buffer.Length ? start + length : &discard;
                nint n = LibCPosix.Read(fd, target, 1);
                if (n < 0 && Marshal.GetLastPInvokeError() == EINTR) continue;
                if (n <= 0 || *target == (byte)'\n') break;
                if (length < buffer.Length) length++;
            }
            discard = 0;
            if (length > 0 && length < buffer.Length && start[length - 1] == (byte)'\r') start[--length] = 0;
            if (length < buffer.Length) start[length] = 0;
        }
        return length;
    }

    private static int ReadLineWindows(string prompt, Span<byte> buffer)
    {
        Console.Error.Write(prompt);
        int length = 0;
        Span<byte> utf8 = stackalloc byte[4];
        try
        {
            while (true)
            {
                ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) break;
                if (key.Key == ConsoleKey.Backspace)
                {
                    // Drop the last UTF-8 sequence (continuation bytes are 10xxxxxx).
                    while (length > 0 && (buffer[--length] & 0xC0) == 0x80) buffer[length] = 0;
                    if (length >= 0 && length < buffer.Length) buffer[length] = 0;
                    continue;
                }
                char c = key.KeyChar;
                int n = new Rune(char.IsSurrogate(c) ? '?' : c).EncodeToUtf8(utf8);
                for (int i = 0; i < n && length < buffer.Length; i++) buffer[length++] = utf8[i];
            }
        }
        finally
        {
            utf8.Clear();
            Console.Error.WriteLine();
        }
        return length;
    }
}
