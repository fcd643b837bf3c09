// `nofuture session`: QuantumSession's operations over files, one state directory per party. Every command loads the
// party's one record (PartyState) from its FileSessionStore, computes, and saves it once at the very end, only on
// success; output files are staged (PendingFile) before the save and renamed after it. So a failed command changes
// nothing, and a crash leaves the previous state or the new one (FileSessionStore writes atomically).
using System.Globalization;
using NoFuture.Cli.Json;
using NoFuture.Cli.Sessions;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Cli.Commands;

internal static class SessionCommand
{
    internal const string Usage = """
        Usage: nofuture session <subcommand> --state DIR [options]

        Post-quantum 1:1 sessions (PQXDH, the Double Ratchet and SPQR, libsignal's wire format) over files.
        Each party has its own state directory: its identity and its sessions, one per peer, kept in ONE
        record encrypted at rest (FileSessionStore: XChaCha20-Poly1305 under a key derived with Argon2id
        from the passphrase) and replaced atomically. A failed command changes nothing.

        Subcommands:
          init                       Create the state: a new identity (keys in secret memory).
          bundle --out FILE          Write a prekey bundle for a peer (JSON, see below).
          start --peer-bundle FILE   Start a session with the bundle's owner (PQXDH initiator).
          send (--text T | --file F) --out FILE
                                     Encrypt a message; FILE gets exactly its wire bytes. --text is for
                                     text that is not secret (it passes through the command line).
          recv --in FILE [--out F]   Decrypt a message: the plaintext goes to standard output as raw bytes
                                     (or to F). A first message from a peer (a PreKeySignalMessage) with no
                                     session yet accepts the session (PQXDH responder).
          info [--json]              Show the identity and the sessions (public values only).

        Options:
          --state DIR                The party's state directory (required).
          --peer NAME                Which peer's session (default 'peer'; 1-64 of A-Z a-z 0-9 . _ -).
          --passphrase-file FILE     Read the passphrase from FILE (one trailing newline is dropped).
                                     Else the environment variable NOFUTURE_PASSPHRASE (for scripts:
                                     environment variables are readable by the process owner, e.g. in
                                     /proc/PID/environ), else a prompt on the terminal.
          --argon2-memory-kib N      init only: Argon2id memory (default 65536 = 64 MiB),
          --argon2-iterations N      passes (default 3) and
          --argon2-parallelism N     lanes (default 4). Kept in the state; later commands reuse them.
          --no-one-time-prekey       bundle only: publish no one-time prekey.
          --json                     info only: one JSON object.
          -h, --help                 Show this help.

        Bundle file: one JSON object of libsignal's serialized forms: registrationId, deviceId,
        signedPreKeyId, kyberPreKeyId and the optional preKeyId are numbers; preKey (optional),
        signedPreKey, signedPreKeySignature, identityKey, kyberPreKey and kyberPreKeySignature are
        base64 (Curve25519 keys 0x05 + 32 bytes, the KEM prekey 0x08 + 1568 bytes, signatures 64 bytes).
        Compare the identity key ('info') with your peer's out of band: it is not authenticated otherwise.

        Exit codes (errors are one line on standard error: 'nofuture: <reason>'):
          0  success
          2  usage: unknown option, missing argument, or no passphrase source
          3  bad input file: missing, unreadable, too large, or not a valid bundle
          4  message rejected (the SessionError is named: BadMac, Duplicate, TooFarAhead, ...)
          5  state rejected: wrong passphrase, or the state was altered or is malformed
          6  no session with that peer yet (send, recv), or one already exists (start)
          7  the state directory is not initialised (run init), or already is (init)
          8  the system refused: state in use by another process, a write failed, or secret
             memory refused (see 'nofuture doctor')
        """;

    private const string DefaultPeer = "peer";
    private const string StoreHeaderFile = ".nofuture-store"; // FileSessionStore's header: the directory is initialised
    private const int MaxPlaintextFile = 1 << 20;
    private const int MaxMessageFile = 4 << 20;

    private sealed class Options
    {
        public string Subcommand = "";
        public string? State, Peer, PassphraseFile, Out, In, Text, File, PeerBundle;
        public int? Argon2Memory, Argon2Iterations, Argon2Parallelism;
        public bool NoOneTimePreKey, Json;
    }

    internal static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error, Stream? rawOutput = null)
    {
        if (args.Length == 0) return Program.UsageError(error, "missing subcommand for 'session'.", "nofuture session --help");
        if (args[0] is "-h" or "--help")
        {
            output.WriteLine(Usage);
            return ExitCodes.Ok;
        }
        Options? o = Parse(args, error, out int usageExit);
        if (o is null) return usageExit;
        if (o.Subcommand == "help")
        {
            output.WriteLine(Usage);
            return ExitCodes.Ok;
        }
        try
        {
            return o.Subcommand switch
            {
                "init" => Init(o, output),
                "info" => Info(o, output),
                _ => Update(o, output, rawOutput),
            };
        }
        catch (CliFailure e)
        {
            return Fail(error, e.ExitCode, e.Message);
        }
        catch (SessionException e)
        {
            return Fail(error, ExitCodes.MessageRejected, $"message rejected: {e.Reason}: {e.Message}");
        }
        catch (SessionStoreException e)
        {
            return Fail(error, ExitCodes.StateRejected, e.Error == SessionStoreError.WrongKey
                ? $"wrong passphrase for the state in '{o.State}'."
                : $"the state in '{o.State}' was rejected: {e.Message}");
        }
        catch (ProtectionRefusedException e)
        {
            return Fail(error, ExitCodes.Environment, $"secret memory refused: {e.Message} (see 'nofuture doctor').");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, ExitCodes.Environment, e.Message);
        }
    }

    private static int Fail(TextWriter error, int code, string message)
    {
        error.WriteLine($"nofuture: {message}");
        return code;
    }

    private static Options? Parse(ReadOnlySpan<string> args, TextWriter error, out int exit)
    {
        exit = ExitCodes.Usage;
        var o = new Options { Subcommand = args[0] };
        if (o.Subcommand is not ("init" or "bundle" or "start" or "send" or "recv" or "info"))
        {
            Program.UsageError(error, $"unknown subcommand '{o.Subcommand}' for 'session'.", "nofuture session --help");
            return null;
        }
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                o.Subcommand = "help";
                return o;
            }
            bool allowed = arg switch
            {
                "--state" or "--passphrase-file" => true,
                "--peer" => o.Subcommand is "start" or "send" or "recv",
                "--out" => o.Subcommand is "bundle" or "send" or "recv",
                "--in" => o.Subcommand is "recv",
                "--text" or "--file" => o.Subcommand is "send",
                "--peer-bundle" => o.Subcommand is "start",
                "--argon2-memory-kib" or "--argon2-iterations" or "--argon2-parallelism" => o.Subcommand is "init",
                "--no-one-time-prekey" => o.Subcommand is "bundle",
                "--json" => o.Subcommand is "info",
                _ => false,
            };
            if (!allowed)
            {
                Program.UsageError(error, arg.StartsWith('-')
                    ? $"unknown option '{arg}' for 'session {o.Subcommand}'."
                    : $"unexpected argument '{arg}' for 'session {o.Subcommand}'.", "nofuture session --help");
                return null;
            }
            if (arg == "--no-one-time-prekey")
            {
                o.NoOneTimePreKey = true;
                continue;
            }
            if (arg == "--json")
            {
                o.Json = true;
                continue;
            }
            if (i + 1 >= args.Length)
            {
                Program.UsageError(error, $"option '{arg}' needs a value.", "nofuture session --help");
                return null;
            }
            string value = args[++i];
            switch (arg)
            {
                case "--state": o.State = value; break;
                case "--passphrase-file": o.PassphraseFile = value; break;
                case "--peer": o.Peer = value; break;
                case "--out": o.Out = value; break;
                case "--in": o.In = value; break;
                case "--text": o.Text = value; break;
                case "--file": o.File = value; break;
                case "--peer-bundle": o.PeerBundle = value; break;
                default:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                    {
                        Program.UsageError(error, $"option '{arg}' needs a positive number.", "nofuture session --help");
                        return null;
                    }
                    if (arg == "--argon2-memory-kib") o.Argon2Memory = n;
                    else if (arg == "--argon2-iterations") o.Argon2Iterations = n;
                    else o.Argon2Parallelism = n;
                    break;
            }
        }
        string? missing = o.State is null ? "--state DIR"
            : o.Subcommand == "bundle" && o.Out is null ? "--out FILE"
            : o.Subcommand == "start" && o.PeerBundle is null ? "--peer-bundle FILE"
            : o.Subcommand == "send" && o.Out is null ? "--out FILE"
            : o.Subcommand == "send" && (o.Text is null) == (o.File is null) ? "exactly one of --text T and --file F"
            : o.Subcommand == "recv" && o.In is null ? "--in FILE"
            : null;
        if (missing is not null)
        {
            Program.UsageError(error, $"'session {o.Subcommand}' needs {missing}.", "nofuture session --help");
            return null;
        }
        o.Peer ??= DefaultPeer;
        if (!PartyState.IsValidPeerName(o.Peer))
        {
            Program.UsageError(error, "a peer name is 1 to 64 of A-Z a-z 0-9 . _ -.", "nofuture session --help");
            return null;
        }
        return o;
    }

    private static int Init(Options o, TextWriter output)
    {
        string dir = o.State!;
        if (File.Exists(Path.Combine(dir, StoreHeaderFile)))
            throw CliFailure.Create(ExitCodes.StateDirectory, $"'{dir}' already holds a state.");
        Argon2Parameters parameters;
        try
        {
            parameters = new Argon2Parameters(Argon2Type.Argon2id, o.Argon2Memory ?? 64 * 1024, o.Argon2Iterations ?? 3,
                o.Argon2Parallelism ?? 4);
        }
        catch (ArgumentException e)
        {
            throw CliFailure.Create(ExitCodes.Usage, $"bad Argon2id parameters: {e.Message}");
        }
        using Secret passphrase = PassphraseSource.Get(o.PassphraseFile, confirm: true);
        bool created = !Directory.Exists(dir);
        try
        {
            using FileSessionStore store = FileSessionStore.OpenWithPassphrase(dir, passphrase, parameters);
            using PartyState state = PartyState.Create();
            using (Secret record = state.Export())
            using (SecretReadLease lease = record.OpenRead())
                store.Save(PartyState.RecordName, lease.Span);
            output.WriteLine($"initialised '{dir}': registration id {state.Identity.RegistrationId}, device {state.Identity.DeviceId}");
            output.WriteLine($"identity key {Convert.ToBase64String(state.Identity.IdentityKey)}");
            return ExitCodes.Ok;
        }
        catch
        {
            // Nothing half-made stays behind: the header alone would make the directory look initialised.
            File.Delete(Path.Combine(dir, StoreHeaderFile));
            if (created && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>Opens the state (read-only use or a later save) after checking the directory is initialised.</summary>
    private static FileSessionStore OpenStore(Options o, out PartyState state)
    {
        string dir = o.State!;
        if (!File.Exists(Path.Combine(dir, StoreHeaderFile)))
            throw CliFailure.Create(ExitCodes.StateDirectory, $"'{dir}' holds no state: run 'nofuture session init --state {dir}' first.");
        FileSessionStore store;
        using (Secret passphrase = PassphraseSource.Get(o.PassphraseFile, confirm: false))
        {
            try
            {
                store = FileSessionStore.OpenWithPassphrase(dir, passphrase);
            }
            catch (ArgumentException)
            {
                throw CliFailure.Create(ExitCodes.StateRejected, $"the store in '{dir}' is not a passphrase store.");
            }
        }
        try
        {
            using Secret record = store.Load(PartyState.RecordName)
                ?? throw CliFailure.Create(ExitCodes.StateDirectory, $"'{dir}' holds no party record: was init interrupted?");
            state = PartyState.Import(record);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static void Save(FileSessionStore store, PartyState state)
    {
        using Secret record = state.Export();
        using SecretReadLease lease = record.OpenRead();
        store.Save(PartyState.RecordName, lease.Span);
    }

    private static int Update(Options o, TextWriter output, Stream? rawOutput)
    {
        // Inputs first: a bad file fails before the passphrase is asked for or the state is touched.
        PreKeyBundle? bundle = o.PeerBundle is null ? null : BundleFile.Parse(ReadPublicFile(o.PeerBundle, BundleFile.MaxFileLength), o.PeerBundle);
        byte[]? message = o.In is null ? null : ReadPublicFile(o.In, MaxMessageFile);

        using FileSessionStore store = OpenStore(o, out PartyState state);
        using (state)
        {
            switch (o.Subcommand)
            {
                case "bundle":
                    {
                        PreKeyBundle mine = state.Identity.CreatePreKeyBundle(!o.NoOneTimePreKey);
                        byte[] json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(BundleFile.From(mine), CliJsonContext.Default.BundleFile);
                        using PendingFile file = PendingFile.Prepare(o.Out!, json);
                        Save(store, state);
                        file.Commit();
                        output.WriteLine(mine.PreKeyId is uint id
                            ? $"wrote the bundle to '{o.Out}' (one-time prekey {id})"
                            : $"wrote the bundle to '{o.Out}' (no one-time prekey)");
                        return ExitCodes.Ok;
                    }
                case "start":
                    {
                        if (state.Sessions.ContainsKey(o.Peer!))
                            throw CliFailure.Create(ExitCodes.NoSession, $"a session with '{o.Peer}' already exists (use --peer NAME for another).");
                        QuantumSession session = QuantumSession.Initiate(state.Identity, bundle!);
                        state.Add(o.Peer!, session);
                        Save(store, state);
                        output.WriteLine($"started a session with '{o.Peer}', identity key {Convert.ToBase64String(bundle!.IdentityKey)}");
                        return ExitCodes.Ok;
                    }
                case "send":
                    {
                        if (!state.Sessions.TryGetValue(o.Peer!, out QuantumSession? session))
                            throw CliFailure.Create(ExitCodes.NoSession, $"no session with '{o.Peer}' yet: run 'session start' or receive its first message.");
                        byte[] wire;
                        if (o.Text is not null)
                        {
                            wire = session.Encrypt(System.Text.Encoding.UTF8.GetBytes(o.Text));
                        }
                        else
                        {
                            using Secret? plaintext = ReadSecretFile(o.File!);
                            using SecretReadLease lease = plaintext is null ? default : plaintext.OpenRead();
                            wire = session.Encrypt(plaintext is null ? [] : lease.Span);
                        }
                        // The message file is staged before the save and renamed after it: a state saved without its
                        // message only skips a counter, while a message sent without its state saved would reuse a key.
                        using PendingFile file = PendingFile.Prepare(o.Out!, wire);
                        Save(store, state);
                        file.Commit();
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"wrote a {(QuantumSession.IsPreKeyMessage(wire) ? "PreKeySignalMessage" : "SignalMessage")} of {wire.Length} bytes to '{o.Out}'"));
                        return ExitCodes.Ok;
                    }
                default: // recv
                    {
                        Secret? plaintext;
                        if (state.Sessions.TryGetValue(o.Peer!, out QuantumSession? session))
                        {
                            plaintext = session.Decrypt(message);
                        }
                        else if (QuantumSession.IsPreKeyMessage(message))
                        {
                            state.Add(o.Peer!, QuantumSession.Accept(state.Identity, message, out plaintext));
                        }
                        else
                        {
                            throw CliFailure.Create(ExitCodes.NoSession, $"no session with '{o.Peer}' yet, and the message is not a first (prekey) message.");
                        }
                        using (plaintext)
                        {
                            using PendingFile? file = o.Out is null ? null
                                : plaintext is null ? PendingFile.Prepare(o.Out, ReadOnlySpan<byte>.Empty) : PendingFile.Prepare(o.Out, plaintext);
                            Save(store, state);
                            if (file is not null)
                            {
                                file.Commit();
                            }
                            else if (plaintext is not null)
                            {
                                output.Flush();
                                Stream stdout = rawOutput ?? throw CliFailure.Create(ExitCodes.Environment, "no standard output.");
                                using SecretReadLease lease = plaintext.OpenRead();
                                stdout.Write(lease.Span); // straight from secret memory: no string, no managed copy
                                stdout.Flush();
                            }
                        }
                        return ExitCodes.Ok;
                    }
            }
        }
    }

    private static int Info(Options o, TextWriter output)
    {
        using FileSessionStore store = OpenStore(o, out PartyState state);
        using (state)
        {
            QuantumIdentity id = state.Identity;
            var report = new SessionInfo
            {
                State = Path.GetFullPath(o.State!),
                RegistrationId = id.RegistrationId,
                DeviceId = id.DeviceId,
                IdentityKey = Convert.ToBase64String(id.IdentityKey),
                SignedPreKeyId = id.SignedPreKeyId,
                KyberPreKeyId = id.KyberPreKeyId,
                UnusedOneTimePreKeys = id.OneTimePreKeyCount,
                Peers = [.. state.Sessions.Select(p => new SessionPeerInfo
                {
                    Name = p.Key,
                    RemoteIdentityKey = Convert.ToBase64String(p.Value.ExportRemoteIdentityKey()),
                    SpqrEpochsCompleted = p.Value.SpqrEpochsCompleted,
                })],
            };
            if (o.Json)
            {
                CliJsonContext.Write(output, report, CliJsonContext.Default.SessionInfo);
                return ExitCodes.Ok;
            }
            output.WriteLine($"state         {report.State}");
            output.WriteLine($"registration  {report.RegistrationId}, device {report.DeviceId}");
            output.WriteLine($"identity key  {report.IdentityKey}");
            output.WriteLine($"prekeys       signed #{report.SignedPreKeyId}, KEM #{report.KyberPreKeyId} (Kyber-1024), {report.UnusedOneTimePreKeys} unused one-time");
            output.WriteLine($"sessions      {report.Peers.Length}");
            foreach (SessionPeerInfo p in report.Peers)
                output.WriteLine($"  {p.Name}: identity key {p.RemoteIdentityKey}, SPQR epochs completed {p.SpqrEpochsCompleted}");
            return ExitCodes.Ok;
        }
    }

    private static byte[] ReadPublicFile(string path, int maxLength)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > maxLength)
                throw CliFailure.Create(ExitCodes.BadInput, string.Create(CultureInfo.InvariantCulture, $"'{path}' is larger than {maxLength:N0} bytes."));
            byte[] bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Create(ExitCodes.BadInput, $"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>Reads a plaintext file straight into secret memory; null when it is empty.</summary>
    private static Secret? ReadSecretFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            if (stream.Length == 0) return null;
            return Secret.ReadToEnd(stream, MaxPlaintextFile);
        }
        catch (SecureMemoryException e) when (e.Error == SecureMemoryError.InputTooLong)
        {
            throw CliFailure.Create(ExitCodes.BadInput, string.Create(CultureInfo.InvariantCulture, $"'{path}' is larger than {MaxPlaintextFile:N0} bytes."));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Create(ExitCodes.BadInput, $"cannot read '{path}': {e.Message}");
        }
    }
}
