// A session store in a directory, encrypted at rest (docs/sessions.md, "Session state at rest").
//
// Files (all mode 0600 in a 0700 directory):
//   .nofuture-store  header: "NFSTORE1" | kind (1: key, 2: Argon2id passphrase) | memory KiB, iterations, parallelism
//                    (u32 big-endian each, zero for kind 1) | store id (16, random; the Argon2id salt) | nonce (24) |
//                    tag (16): XChaCha20-Poly1305 over nothing with the header before the nonce as associated data,
//                    so a wrong key or passphrase is refused before any record is touched.
//   .lock            held open exclusively while a FileSessionStore uses the directory (one writer at a time).
//   <name>.nfs       a record: "NFREC001" | nonce (24) | ciphertext | tag (16), XChaCha20-Poly1305 with associated
//                    data "NFREC001" | store id | name, so a record moved to another name or another store is refused.
// Writes go to a temporary file, are flushed to disk, renamed over the old record (rename(2) is atomic) and the
// directory is flushed: a crash at any point leaves either the previous record or the new one, never a mix. With
// StoreDurability.ProcessCrash the two flushes are skipped; the rename alone keeps that promise for a crash of the
// process (the kernel holds the written data), not for a power loss.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Sessions;

/// <summary>An <see cref="ISessionStore"/> in a directory: every record encrypted with XChaCha20-Poly1305 under a key
/// held in secret memory (given, or derived with Argon2id from a passphrase), written atomically.</summary>
/// <remarks>One instance per directory at a time (a lock file enforces it across processes). Records are bound to
/// their name and to their store. <see cref="Dispose"/> wipes the key and releases the directory.</remarks>
public sealed class FileSessionStore : ISessionStore, IDisposable
{
    /// <summary>The size of a store key.</summary>
    public const int KeySizeInBytes = 32;

    /// <summary>The largest record accepted (16 MiB).</summary>
    public const int MaxRecordLength = 16 * 1024 * 1024;

    private const string HeaderFileName = ".nofuture-store";
    private const string LockFileName = ".lock";
    private const string RecordExtension = ".nfs";
    private const int StoreIdLength = 16;
    private const int NonceLength = 24;
    private const int TagLength = 16;
    private const int HeaderAuthenticatedLength = 8 + 1 + 12 + StoreIdLength;
    private const int HeaderLength = HeaderAuthenticatedLength + NonceLength + TagLength;
    private const int RecordOverhead = 8 + NonceLength + TagLength;
    private const byte KindKey = 1;
    private const byte KindPassphrase = 2;

    // Bounds on a header's Argon2id parameters: a hostile header must not make opening the store take unbounded
    // memory or time.
    private const int MaxMemoryKib = 4 * 1024 * 1024;
    private const int MaxIterations = 1000;
    private const int MaxParallelism = 255;

    private static readonly byte[] s_headerMagic = "NFSTORE1"u8.ToArray();
    private static readonly byte[] s_recordMagic = "NFREC001"u8.ToArray();
    private static readonly AeadAlgorithm s_aead = AeadAlgorithm.XChaCha20Poly1305;

    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _directory;
    private readonly byte[] _storeId;
    private readonly Secret _key;
    private readonly FileStream _lockFile;
    private readonly Lock _lock = new();
    private bool _disposed;

    private FileSessionStore(string directory, byte[] storeId, Secret key, FileStream lockFile, StoreDurability durability)
    {
        _directory = directory;
        _storeId = storeId;
        _key = key;
        _lockFile = lockFile;
        Durability = durability;
    }

    /// <summary>The store's directory.</summary>
    public string Directory => _directory;

    /// <summary>What this instance's writes survive (chosen when it was opened; not recorded in the store).</summary>
    public StoreDurability Durability { get; }

    private bool Flushes => Durability == StoreDurability.PowerLoss;

    /// <summary>Opens (or creates) a store whose records are encrypted under <paramref name="key"/>
    /// (<see cref="KeySizeInBytes"/> bytes, copied; the caller keeps and disposes its own).</summary>
    /// <param name="directory">The store's directory (created when missing).</param>
    /// <param name="key">The store key.</param>
    /// <param name="durability">What writes survive; <see cref="StoreDurability.PowerLoss"/> unless the records can
    /// be lost.</param>
    /// <exception cref="ArgumentException">The key has the wrong size, or the store was created with a passphrase.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="durability"/> is not a defined value.</exception>
    /// <exception cref="SessionStoreException">The key does not open this store, or its header is malformed.</exception>
    /// <exception cref="IOException">The directory is in use by another store instance, or cannot be read or written.</exception>
    public static FileSessionStore OpenWithKey(string directory, Secret key, StoreDurability durability = StoreDurability.PowerLoss)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySizeInBytes) SessionStoreThrowHelper.KeyWrongSize(nameof(key), KeySizeInBytes);
        CheckDurability(durability);
        return Open(directory, KindKey, parameters: null, durability, (_, _) => key.Clone());
    }

    /// <summary>Opens (or creates) a store whose key is derived with Argon2id from <paramref name="passphrase"/> and
    /// the store's random salt. <paramref name="parameters"/> (Argon2id, default
    /// <see cref="Argon2Parameters.Rfc9106Second"/>) apply when the store is created; an existing store keeps the
    /// parameters written in its header.</summary>
    /// <param name="directory">The store's directory (created when missing).</param>
    /// <param name="passphrase">The passphrase.</param>
    /// <param name="parameters">Argon2id parameters for a new store.</param>
    /// <param name="durability">What writes survive; <see cref="StoreDurability.PowerLoss"/> unless the records can
    /// be lost.</param>
    /// <exception cref="ArgumentException">The parameters are not Argon2id with a 32-byte tag,
    /// or the store was created with a key.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="durability"/> is not a defined value.</exception>
    /// <exception cref="SessionStoreException">The passphrase does not open this store, or its header is malformed.</exception>
    /// <exception cref="IOException">The directory is in use by another store instance, or cannot be read or written.</exception>
    public static FileSessionStore OpenWithPassphrase(string directory, Secret passphrase, Argon2Parameters? parameters = null,
        StoreDurability durability = StoreDurability.PowerLoss)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(passphrase);
        parameters ??= Argon2Parameters.Rfc9106Second;
        if (parameters.Type != Argon2Type.Argon2id || parameters.TagLength != KeySizeInBytes)
            SessionStoreThrowHelper.ParametersNotArgon2id(nameof(parameters), KeySizeInBytes);
        CheckDurability(durability);
        return Open(directory, KindPassphrase, parameters, durability, (storeId, stored) =>
        {
            using SecretReadLease lease = passphrase.OpenRead();
            return Argon2.DeriveSecret(lease.Span, storeId, stored!);
        });
    }

    /// <inheritdoc />
    public Secret? Load(string name)
    {
        SessionStoreNames.Check(name, nameof(name));
        byte[] file;
        lock (_lock)
        {
            ThrowIfDisposed();
            try
            {
                file = File.ReadAllBytes(RecordPath(name));
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }
        if (file.Length <= RecordOverhead || file.Length > MaxRecordLength + RecordOverhead)
            SessionStoreThrowHelper.RecordRejected(name, "its length is outside the format's bounds");
        if (!file.AsSpan(0, 8).SequenceEqual(s_recordMagic))
            SessionStoreThrowHelper.RecordRejected(name, "it is not a NoFuture record (magic)");
        ReadOnlySpan<byte> nonce = file.AsSpan(8, NonceLength);
        ReadOnlySpan<byte> ciphertext = file.AsSpan(8 + NonceLength, file.Length - RecordOverhead);
        ReadOnlySpan<byte> tag = file.AsSpan(file.Length - TagLength);
        Span<byte> associated = stackalloc byte[8 + StoreIdLength + SessionStoreNames.MaxLength];
        int associatedLength = RecordAssociatedData(name, associated);
        Secret record = Secret.Allocate(ciphertext.Length);
        bool opened;
        using (SecretWriteLease lease = record.OpenWrite())
            opened = s_aead.Open(_key, nonce, ciphertext, tag, lease.Span, associated[..associatedLength]);
        if (!opened)
        {
            record.Dispose();
            SessionStoreThrowHelper.RecordRejected(name, "authentication failed (altered, or written for another name or store)");
        }
        return record;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The record is empty or longer than <see cref="MaxRecordLength"/>.</exception>
    /// <exception cref="IOException">The file could not be written; the previous record is unchanged.</exception>
    public void Save(string name, ReadOnlySpan<byte> record)
    {
        SessionStoreNames.Check(name, nameof(name));
        if (record.IsEmpty || record.Length > MaxRecordLength) SessionStoreThrowHelper.RecordLength(nameof(record), MaxRecordLength);
        // The ciphertext is not secret; it is built in a managed buffer and written whole.
        byte[] file = new byte[record.Length + RecordOverhead];
        s_recordMagic.CopyTo(file, 0);
        Span<byte> nonce = file.AsSpan(8, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associated = stackalloc byte[8 + StoreIdLength + SessionStoreNames.MaxLength];
        int associatedLength = RecordAssociatedData(name, associated);
        lock (_lock)
        {
            ThrowIfDisposed();
            s_aead.Seal(_key, nonce, record, file.AsSpan(8 + NonceLength, record.Length), file.AsSpan(file.Length - TagLength),
                associated[..associatedLength]);
            WriteAtomically(RecordPath(name), file, Flushes);
        }
    }

    /// <inheritdoc />
    public bool Delete(string name)
    {
        SessionStoreNames.Check(name, nameof(name));
        lock (_lock)
        {
            ThrowIfDisposed();
            string path = RecordPath(name);
            if (!File.Exists(path)) return false;
            File.Delete(path);
            if (Flushes) DirectorySync.Flush(_directory);
            return true;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListNames()
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            var names = new List<string>();
            foreach (string path in System.IO.Directory.EnumerateFiles(_directory, "*" + RecordExtension))
            {
                string name = Path.GetFileName(path)[..^RecordExtension.Length];
                if (SessionStoreNames.IsValid(name)) names.Add(name);
            }
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>Wipes the key and releases the directory.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _key.Dispose();
            _lockFile.Dispose();
        }
    }

    private static FileSessionStore Open(string directory, byte kind, Argon2Parameters? parameters, StoreDurability durability,
        Func<byte[], Argon2Parameters?, Secret> deriveKey)
    {
        directory = Path.GetFullPath(directory);
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(directory);
        else System.IO.Directory.CreateDirectory(directory, DirectoryMode0700);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, LockFileName), PrivateFile(FileMode.OpenOrCreate, FileAccess.ReadWrite));
        }
        catch (IOException)
        {
            SessionStoreThrowHelper.InUse(directory);
            throw; // not reached
        }
        Secret? key = null;
        bool opened = false;
        try
        {
            string headerPath = Path.Combine(directory, HeaderFileName);
            byte[] header;
            if (File.Exists(headerPath))
            {
                header = File.ReadAllBytes(headerPath);
                (byte storedKind, Argon2Parameters? stored) = ParseHeader(headerPath, header);
                if (storedKind != kind) SessionStoreThrowHelper.KindMismatch(directory, storedKind == KindPassphrase);
                byte[] storeId = header.AsSpan(8 + 1 + 12, StoreIdLength).ToArray();
                key = deriveKey(storeId, stored);
                ReadOnlySpan<byte> nonce = header.AsSpan(HeaderAuthenticatedLength, NonceLength);
                if (!s_aead.Open(key, nonce, [], header.AsSpan(HeaderLength - TagLength), [], header.AsSpan(0, HeaderAuthenticatedLength)))
                    SessionStoreThrowHelper.WrongKey(directory);
                RemoveTemporaryFiles(directory);
                opened = true;
                return new FileSessionStore(directory, storeId, key, lockFile, durability);
            }
            else
            {
                header = new byte[HeaderLength];
                s_headerMagic.CopyTo(header, 0);
                header[8] = kind;
                if (parameters is not null)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(9), (uint)parameters.MemorySizeKib);
                    BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(13), (uint)parameters.Iterations);
                    BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(17), (uint)parameters.Parallelism);
                }
                byte[] storeId = RandomNumberGenerator.GetBytes(StoreIdLength);
                storeId.CopyTo(header, 21);
                RandomNumberGenerator.Fill(header.AsSpan(HeaderAuthenticatedLength, NonceLength));
                key = deriveKey(storeId, parameters);
                s_aead.Seal(key, header.AsSpan(HeaderAuthenticatedLength, NonceLength), [], [], header.AsSpan(HeaderLength - TagLength),
                    header.AsSpan(0, HeaderAuthenticatedLength));
                WriteAtomically(headerPath, header, flush: true); // once per store, whatever the durability
                opened = true;
                return new FileSessionStore(directory, storeId, key, lockFile, durability);
            }
        }
        finally
        {
            // A refused header, key or passphrase releases the directory: nothing of the attempt stays open.
            if (!opened)
            {
                key?.Dispose();
                lockFile.Dispose();
            }
        }
    }

    private static (byte Kind, Argon2Parameters? Parameters) ParseHeader(string path, byte[] header)
    {
        if (header.Length != HeaderLength) SessionStoreThrowHelper.HeaderRejected(path, "its length is not the format's");
        if (!header.AsSpan(0, 8).SequenceEqual(s_headerMagic)) SessionStoreThrowHelper.HeaderRejected(path, "unknown magic or version");
        byte kind = header[8];
        uint memory = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(9));
        uint iterations = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(13));
        uint parallelism = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(17));
        switch (kind)
        {
            case KindKey:
                if (memory != 0 || iterations != 0 || parallelism != 0)
                    SessionStoreThrowHelper.HeaderRejected(path, "a key store carries no passphrase parameters");
                return (kind, null);
            case KindPassphrase:
                if (iterations is 0 or > MaxIterations || parallelism is 0 or > MaxParallelism
                    || memory < 8 * parallelism || memory > MaxMemoryKib)
                    SessionStoreThrowHelper.HeaderRejected(path, "its Argon2id parameters are out of bounds");
                return (kind, new Argon2Parameters(Argon2Type.Argon2id, (int)memory, (int)iterations, (int)parallelism, KeySizeInBytes));
            default:
                SessionStoreThrowHelper.HeaderRejected(path, "unknown key kind");
                return default; // not reached
        }
    }

    // Writes the whole file next to its target, flushes it to disk, renames it over the target and flushes the
    // directory entry (without the flushes when flush is false); a failure removes the temporary file and leaves the
    // target as it was.
    private static void WriteAtomically(string path, byte[] contents, bool flush)
    {
        string directory = Path.GetDirectoryName(path)!;
        string temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, PrivateFile(FileMode.CreateNew, FileAccess.Write)))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: flush);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        if (flush) DirectorySync.Flush(directory);
    }

    private static void CheckDurability(StoreDurability durability)
    {
        if (durability is not (StoreDurability.PowerLoss or StoreDurability.ProcessCrash))
            SessionStoreThrowHelper.DurabilityUndefined(nameof(durability));
    }

    // Exclusive (FileShare.None is an exclusive advisory lock on Unix) and, where the platform has modes, 0600.
    private static FileStreamOptions PrivateFile(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode0600;
        return options;
    }

    // A crash between writing a temporary file and renaming it leaves the temporary behind; the record it was meant
    // to replace is intact, so the leftover is removed when the store is next opened (under the lock).
    private static void RemoveTemporaryFiles(string directory)
    {
        foreach (string path in System.IO.Directory.EnumerateFiles(directory, ".*.tmp")) File.Delete(path);
    }

    private string RecordPath(string name) => Path.Combine(_directory, name + RecordExtension);

    private int RecordAssociatedData(string name, Span<byte> destination)
    {
        s_recordMagic.CopyTo(destination);
        _storeId.CopyTo(destination[8..]);
        return 8 + StoreIdLength + Encoding.ASCII.GetBytes(name, destination[(8 + StoreIdLength)..]);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) SessionStoreThrowHelper.Disposed(nameof(FileSessionStore));
    }
}
