// `nofuture session` end to end, in-process through SessionCommand.Run (each call opens and closes the state as the
// command does), plus one run as a child process for the environment-variable passphrase and the exit-code plumbing.
using System.Text;
using System.Text.Json;
using NoFuture.Cli.Commands;
using Xunit;

namespace NoFuture.Cli.Tests;

public sealed class SessionCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nofuture-session-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed record Outcome(int ExitCode, string StdOut, string StdErr, byte[] Raw)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
    }

    private string P(string name) => Path.Combine(_root, name);

    private static Outcome Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var raw = new MemoryStream();
        int exit = SessionCommand.Run(args, output, error, raw);
        return new Outcome(exit, output.ToString(), error.ToString(), raw.ToArray());
    }

    /// <summary>Runs a subcommand for a party ('a' or 'b'): its state dir and passphrase file are implied.</summary>
    private Outcome As(string party, params string[] args) =>
        Run([args[0], "--state", P(party), "--passphrase-file", P(party + ".pass"), .. args[1..]]);

    private void InitBoth()
    {
        File.WriteAllText(P("a.pass"), "alice's passphrase\n");
        File.WriteAllText(P("b.pass"), "bob's passphrase");
        foreach (string party in (string[])["a", "b"])
        {
            // Modest Argon2id (1 MiB, 1 pass) keeps the tests fast; the default is 64 MiB, 3 passes.
            Outcome r = As(party, "init", "--argon2-memory-kib", "1024", "--argon2-iterations", "1");
            Assert.True(r.ExitCode == 0, r.ToString());
        }
    }

    /// <summary>a starts from b's bundle, sends the first message; b accepts it.</summary>
    private void Handshake()
    {
        InitBoth();
        Assert.Equal(0, As("b", "bundle", "--out", P("b.bundle")).ExitCode);
        Assert.Equal(0, As("a", "start", "--peer-bundle", P("b.bundle"), "--peer", "bob").ExitCode);
        Send("a", "bob", "hello bob", "m1");
        Assert.Equal("hello bob", Recv("b", "alice", "m1"));
    }

    private void Send(string party, string peer, string text, string file)
    {
        Outcome r = As(party, "send", "--peer", peer, "--text", text, "--out", P(file));
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    private string Recv(string party, string peer, string file)
    {
        Outcome r = As(party, "recv", "--peer", peer, "--in", P(file));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(r.StdErr);
        return Encoding.UTF8.GetString(r.Raw);
    }

    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f));

    private static void AssertSame(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach ((string name, byte[] bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), name + " changed");
    }

    [Fact]
    public void TwoParties_TalkBothWays_OverFiles()
    {
        Handshake();
        // The bundle file is documented JSON of libsignal's serialized forms.
        using (JsonDocument bundle = JsonDocument.Parse(File.ReadAllBytes(P("b.bundle"))))
        {
            JsonElement b = bundle.RootElement;
            Assert.Equal(33, Convert.FromBase64String(b.GetProperty("identityKey").GetString()!).Length);
            Assert.Equal(1569, Convert.FromBase64String(b.GetProperty("kyberPreKey").GetString()!).Length);
            Assert.Equal(64, Convert.FromBase64String(b.GetProperty("signedPreKeySignature").GetString()!).Length);
            Assert.Equal(JsonValueKind.Number, b.GetProperty("preKeyId").ValueKind);
        }
        for (int i = 0; i < 6; i++)
        {
            Send("b", "alice", $"reply {i}", "r");
            Assert.Equal($"reply {i}", Recv("a", "bob", "r"));
            Send("a", "bob", $"more {i}", "m");
            Assert.Equal($"more {i}", Recv("b", "alice", "m"));
        }
        // Out of order, and a binary file through --file / --out.
        byte[] blob = [0, 1, 2, 255, 10, 13];
        File.WriteAllBytes(P("blob"), blob);
        Assert.Equal(0, As("a", "send", "--peer", "bob", "--file", P("blob"), "--out", P("x1")).ExitCode);
        Send("a", "bob", "second", "x2");
        Assert.Equal("second", Recv("b", "alice", "x2"));
        Assert.Equal(0, As("b", "recv", "--peer", "alice", "--in", P("x1"), "--out", P("blob.out")).ExitCode);
        Assert.Equal(blob, File.ReadAllBytes(P("blob.out")));
        // An empty plaintext travels too (a Secret is never empty: the command handles it without one).
        File.WriteAllBytes(P("empty"), []);
        Assert.Equal(0, As("a", "send", "--peer", "bob", "--file", P("empty"), "--out", P("e")).ExitCode);
        Assert.Equal(0, As("b", "recv", "--peer", "alice", "--in", P("e"), "--out", P("empty.out")).ExitCode);
        Assert.Empty(File.ReadAllBytes(P("empty.out")));
    }

    [Fact]
    public void TamperedMessage_Exit4_AndStateFilesByteIdentical()
    {
        Handshake();
        Send("b", "alice", "reply", "r");
        byte[] message = File.ReadAllBytes(P("r"));
        for (int at = 0; at < message.Length; at += Math.Max(1, message.Length / 7))
        {
            byte[] bad = (byte[])message.Clone();
            bad[at] ^= 0x20;
            File.WriteAllBytes(P("bad"), bad);
            Dictionary<string, byte[]> before = Snapshot(P("a"));

            Outcome r = As("a", "recv", "--peer", "bob", "--in", P("bad"));

            Assert.True(r.ExitCode == 4, $"byte {at}: {r}");
            string line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("nofuture: message rejected: ", line, StringComparison.Ordinal);
            Assert.Empty(r.Raw);
            AssertSame(before, Snapshot(P("a")));
        }
        Assert.Equal("reply", Recv("a", "bob", "r")); // the good message still decrypts afterwards
    }

    [Fact]
    public void ReplayedMessage_IsRejectedAsDuplicate_AndChangesNothing()
    {
        Handshake();
        Dictionary<string, byte[]> before = Snapshot(P("b"));

        Outcome first = As("b", "recv", "--peer", "alice", "--in", P("m1")); // the prekey message, again

        Assert.Equal(4, first.ExitCode);
        Assert.Contains("Duplicate", first.StdErr, StringComparison.Ordinal);
        AssertSame(before, Snapshot(P("b")));
        Send("b", "alice", "reply", "r");
        Assert.Equal("reply", Recv("a", "bob", "r"));
        Outcome again = As("a", "recv", "--peer", "bob", "--in", P("r"));
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("message rejected: Duplicate", again.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPassphrase_Exit5_AndChangesNothing()
    {
        Handshake();
        File.WriteAllText(P("wrong.pass"), "not alice's passphrase");
        Dictionary<string, byte[]> before = Snapshot(P("a"));

        Outcome r = Run("send", "--state", P("a"), "--passphrase-file", P("wrong.pass"), "--peer", "bob", "--text", "x", "--out", P("w"));

        Assert.Equal(5, r.ExitCode);
        Assert.Equal($"nofuture: wrong passphrase for the state in '{P("a")}'.\n", r.StdErr.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(P("w")));
        AssertSame(before, Snapshot(P("a")));
    }

    [Fact]
    public void Info_ShowsIdentityAndSessions_TextAndJson()
    {
        Handshake();
        Outcome text = As("a", "info");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("sessions      1", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("  bob: identity key ", text.StdOut, StringComparison.Ordinal);

        Outcome json = As("b", "info", "--json");
        Assert.Equal(0, json.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(json.StdOut);
        JsonElement root = doc.RootElement;
        Assert.Equal(33, Convert.FromBase64String(root.GetProperty("identityKey").GetString()!).Length);
        Assert.Equal(0, root.GetProperty("unusedOneTimePreKeys").GetInt32()); // the bundle's one was used by the handshake
        JsonElement peer = Assert.Single(root.GetProperty("peers").EnumerateArray().ToArray());
        Assert.Equal("alice", peer.GetProperty("name").GetString());
        Assert.Equal(0, peer.GetProperty("spqrEpochsCompleted").GetInt32());
        // b's view of alice's identity key is what alice's own info prints.
        Outcome aliceJson = As("a", "info", "--json");
        using JsonDocument alice = JsonDocument.Parse(aliceJson.StdOut);
        Assert.Equal(alice.RootElement.GetProperty("identityKey").GetString(), peer.GetProperty("remoteIdentityKey").GetString());
    }

    [Fact]
    public void Mistakes_HaveTheirExitCodes_AndChangeNothing()
    {
        File.WriteAllText(P("a.pass"), "pw");
        Assert.Equal(7, As("a", "info").ExitCode);                            // not initialised
        Assert.False(Directory.Exists(P("a")));
        InitBoth();
        Assert.Equal(7, As("a", "init").ExitCode);                            // already initialised
        Dictionary<string, byte[]> before = Snapshot(P("a"));
        Assert.Equal(6, As("a", "send", "--peer", "bob", "--text", "x", "--out", P("x")).ExitCode); // no session
        Assert.Equal(3, As("a", "start", "--peer-bundle", P("missing.json")).ExitCode);
        Assert.Equal(0, As("b", "bundle", "--out", P("b.bundle")).ExitCode);
        string json = File.ReadAllText(P("b.bundle"));
        using (JsonDocument doc = JsonDocument.Parse(json))
        {
            byte[] signature = Convert.FromBase64String(doc.RootElement.GetProperty("kyberPreKeySignature").GetString()!);
            signature[5] ^= 1;
            File.WriteAllText(P("bad.bundle"), json.Replace(doc.RootElement.GetProperty("kyberPreKeySignature").GetString()!,
                Convert.ToBase64String(signature), StringComparison.Ordinal));
        }
        Outcome bad = As("a", "start", "--peer-bundle", P("bad.bundle"));
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("InvalidSignature", bad.StdErr, StringComparison.Ordinal);
        File.WriteAllText(P("junk.bundle"), "{\"registrationId\": 1}");
        Assert.Equal(3, As("a", "start", "--peer-bundle", P("junk.bundle")).ExitCode);
        AssertSame(before, Snapshot(P("a")));
        Assert.Equal(0, As("a", "start", "--peer-bundle", P("b.bundle")).ExitCode);
        Assert.Equal(6, As("a", "start", "--peer-bundle", P("b.bundle")).ExitCode);  // a session with 'peer' exists
        Assert.Equal(2, As("a", "send", "--text", "x").ExitCode);                      // no --out
        Assert.Equal(2, As("a", "send", "--text", "x", "--file", P("x"), "--out", P("y")).ExitCode);
        Assert.Equal(2, Run("frob", "--state", P("a")).ExitCode);
    }

    [Fact]
    public void SystemRefusals_Exit8_AndChangeNothing()
    {
        Handshake();
        Dictionary<string, byte[]> before = Snapshot(P("a"));

        // The message cannot be written: it is staged before the state is saved, so the state is untouched.
        Outcome unwritable = As("a", "send", "--peer", "bob", "--text", "x", "--out", P("no/such/dir/m"));
        Assert.True(unwritable.ExitCode == 8, unwritable.ToString());
        AssertSame(before, Snapshot(P("a")));

        // The state is in use by another store instance (another process, say).
        using (NoFuture.Memory.Secret passphrase = NoFuture.Memory.Secret.CopyFrom("alice's passphrase"u8)) // a.pass without its newline
        using (NoFuture.Sessions.FileSessionStore.OpenWithPassphrase(P("a"), passphrase))
        {
            Outcome busy = As("a", "send", "--peer", "bob", "--text", "x", "--out", P("m"));
            Assert.True(busy.ExitCode == 8, busy.ToString());
            Assert.False(File.Exists(P("m")));
        }
        AssertSame(before, Snapshot(P("a")));
        Send("a", "bob", "after", "m");
        Assert.Equal("after", Recv("b", "alice", "m"));
    }

    [Fact]
    public async Task AsAProcess_PassphraseFromEnvironment_AndExitCodes()
    {
        File.WriteAllText(P("a.pass"), "from the environment");
        // A variable longer than the window the environment is scanned in, on either side, must not hide ours.
        var environment = new Dictionary<string, string>
        {
            ["A_LONG_VARIABLE"] = new string('x', 9000),
            ["NOFUTURE_PASSPHRASE"] = "from the environment",
            ["Z_LONG_VARIABLE"] = new string('y', 9000),
        };
        CliResult init = await CliProcess.RunAsync([CliProcess.DotnetHost, CliProcess.DllPath, "session", "init", "--state", P("a"),
            "--argon2-memory-kib", "1024", "--argon2-iterations", "1"], environment);
        Assert.True(init.ExitCode == 0, init.ToString());
        // The file holds the same passphrase (one trailing newline would be dropped): the store opens either way.
        Assert.Equal(0, As("a", "info").ExitCode);

        CliResult wrong = await CliProcess.RunAsync([CliProcess.DotnetHost, CliProcess.DllPath, "session", "info", "--state", P("a")],
            new Dictionary<string, string> { ["NOFUTURE_PASSPHRASE"] = "something else" });
        Assert.Equal(5, wrong.ExitCode);
        Assert.Empty(wrong.StdOut);
        Assert.StartsWith("nofuture: wrong passphrase", wrong.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("something else", wrong.StdErr, StringComparison.Ordinal);

        CliResult help = await CliProcess.RunAsync("session", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("4  message rejected", help.StdOut, StringComparison.Ordinal);
    }
}
