// An output file written in two steps so a command changes nothing when it fails: Prepare writes the bytes to a
// temporary file beside the target and flushes them to disk (so a full disk or a bad path fails before the state is
// saved); Commit renames it over the target (rename(2) is atomic) once the state is saved. Disposed uncommitted, the
// temporary file is deleted.
using NoFuture.Memory;

namespace NoFuture.Cli.Sessions;

internal sealed class PendingFile : IDisposable
{
    private readonly string _target;
    private readonly string _temporary;
    private bool _done;

    private PendingFile(string target, string temporary)
    {
        _target = target;
        _temporary = temporary;
    }

    internal static PendingFile Prepare(string path, ReadOnlySpan<byte> contents)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".",
            $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            // bufferSize 0: the bytes go from the caller's span (secret memory for a plaintext) straight to the kernel.
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw CliFailure.Create(ExitCodes.Environment, $"cannot write '{path}': {e.Message}");
        }
        return new PendingFile(full, temporary);
    }

    internal static PendingFile Prepare(string path, Secret contents)
    {
        using SecretReadLease lease = contents.OpenRead();
        return Prepare(path, lease.Span);
    }

    internal void Commit()
    {
        File.Move(_temporary, _target, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        File.Delete(_temporary);
    }
}
