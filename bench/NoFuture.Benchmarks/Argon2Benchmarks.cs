// Goals (bench/RESULTS.md): Argon2id m = 64 MiB, t = 3, p = 4 in at most half the time of the reference C
// implementation (Debian's libargon2, threads on) and faster than Konscious and BouncyCastle; m = 19 MiB, t = 2,
// p = 1 no slower than libsodium's crypto_pwhash. Same password, salt and parameters for everyone; Setup checks
// that every peer gives our tag, so the rows compute the same function. Ours allocates, fills, wipes and frees
// its dont-dump matrix on every call, as the peers allocate and free theirs.
using System.Text;
using BenchmarkDotNet.Attributes;
using NoFuture.Benchmarks.Interop;
using Org.BouncyCastle.Crypto.Generators;
using Argon2 = NoFuture.Crypto.Argon2;
using Argon2Parameters = NoFuture.Crypto.Argon2Parameters;
using BcArgon2Parameters = Org.BouncyCastle.Crypto.Parameters.Argon2Parameters;
using KonsciousArgon2id = Konscious.Security.Cryptography.Argon2id;

namespace NoFuture.Benchmarks;

/// <summary>Argon2id: ours against libargon2, libsodium, Konscious and BouncyCastle in the same run.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class Argon2Benchmarks
{
    private static readonly Argon2Parameters Rfc = Argon2Parameters.Rfc9106Second; // 64 MiB, t = 3, p = 4
    private static readonly Argon2Parameters Owasp = Argon2Parameters.Owasp;        // 19 MiB, t = 2, p = 1
    private readonly byte[] _password = Encoding.UTF8.GetBytes("correct horse battery staple");
    private readonly byte[] _salt = Encoding.UTF8.GetBytes("somesaltsomesalt");
    private readonly byte[] _tag = new byte[32];

    /// <summary>Checks that every peer computes our tag for both parameter sets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Sodium.Initialize();
        if (!LibArgon2.Available) Console.WriteLine("// libargon2 not found: its rows are skipped (they return at once).");
        foreach (Argon2Parameters p in new[] { Rfc, Owasp })
        {
            byte[] ours = new byte[32];
            Argon2.DeriveKey(_password, _salt, p, ours);
            if (LibArgon2.Available)
            {
                byte[] reference = new byte[32];
                LibArgon2.Argon2idHashRaw((uint)p.Iterations, (uint)p.MemorySizeKib, (uint)p.Parallelism, _password, _salt, reference);
                Require(reference, ours, "libargon2");
            }
            Require(Konscious(p), ours, "Konscious");
            Require(BouncyCastle(p), ours, "BouncyCastle");
        }
        byte[] ownOwasp = new byte[32];
        Argon2.DeriveKey(_password, _salt, Owasp, ownOwasp);
        SodiumOwasp();
        Require(_tag, ownOwasp, "libsodium");
    }

    /// <summary>Ours, 64 MiB, t = 3, p = 4 (lanes in parallel threads).</summary>
    [Benchmark]
    [BenchmarkCategory("m=64MiB,t=3,p=4")]
    public void Ours64MiB() => Argon2.DeriveKey(_password, _salt, Rfc, _tag);

    /// <summary>The reference C implementation (threads on).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("m=64MiB,t=3,p=4")]
    public int LibArgon2_64MiB() => LibArgon2.Argon2idHashRaw(3, 64 * 1024, 4, _password, _salt, _tag);

    /// <summary>Konscious.Security.Cryptography.Argon2 1.3.1 (managed, parallel lanes).</summary>
    [Benchmark]
    [BenchmarkCategory("m=64MiB,t=3,p=4")]
    public byte[] Konscious64MiB() => Konscious(Rfc);

    /// <summary>BouncyCastle 2.7.0 Argon2BytesGenerator (managed).</summary>
    [Benchmark]
    [BenchmarkCategory("m=64MiB,t=3,p=4")]
    public byte[] BouncyCastle64MiB() => BouncyCastle(Rfc);

    /// <summary>Ours, 19 MiB, t = 2, p = 1.</summary>
    [Benchmark]
    [BenchmarkCategory("m=19MiB,t=2,p=1")]
    public void Ours19MiB() => Argon2.DeriveKey(_password, _salt, Owasp, _tag);

    /// <summary>libsodium crypto_pwhash (Argon2id v=0x13, one lane, AVX2).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("m=19MiB,t=2,p=1")]
    public int Sodium19MiB() => SodiumOwasp();

    /// <summary>The reference C implementation, one lane.</summary>
    [Benchmark]
    [BenchmarkCategory("m=19MiB,t=2,p=1")]
    public int LibArgon2_19MiB() => LibArgon2.Argon2idHashRaw(2, 19 * 1024, 1, _password, _salt, _tag);

    private int SodiumOwasp()
    {
        fixed (byte* o = _tag, pw = _password, s = _salt)
        {
            // SAFETY: pinned buffers; the salt is the 16 bytes crypto_pwhash reads.
            return SodiumPwhash.crypto_pwhash(o, 32, pw, (ulong)_password.Length, s, 2, 19 * 1024 * 1024, SodiumPwhash.AlgArgon2id13);
        }
    }

    private byte[] Konscious(Argon2Parameters p)
    {
        using var argon2 = new KonsciousArgon2id(_password)
        {
            Salt = _salt,
            DegreeOfParallelism = p.Parallelism,
            Iterations = p.Iterations,
            MemorySize = p.MemorySizeKib,
        };
        return argon2.GetBytes(32);
    }

    private byte[] BouncyCastle(Argon2Parameters p)
    {
        var generator = new Argon2BytesGenerator();
        generator.Init(new BcArgon2Parameters.Builder(BcArgon2Parameters.Argon2id)
            .WithVersion(BcArgon2Parameters.Version13).WithSalt(_salt).WithIterations(p.Iterations)
            .WithMemoryAsKB(p.MemorySizeKib).WithParallelism(p.Parallelism).Build());
        byte[] output = new byte[32];
        generator.GenerateBytes(_password, output);
        return output;
    }

    private static void Require(byte[] peer, byte[] ours, string name)
    {
        if (!peer.AsSpan().SequenceEqual(ours)) throw new InvalidOperationException($"{name} and NoFuture disagree on the benchmark inputs.");
    }
}
