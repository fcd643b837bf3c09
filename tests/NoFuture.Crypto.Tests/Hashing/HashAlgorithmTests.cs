// HashAlgorithm (SHA-256/384/512, SHA3-256/512): every singleton, on both SHA-2 paths (native libcrypto and the BCL
// fallback), against the BCL's one-shots; the incremental hasher against the one-shot for random splits (0-length
// appends, lengths around the block size, and inputs past the 4 KiB short-update limit); TryHash's contract; a
// secret hashed through a lease. The SHAKE cases that SecretHash had are in Keccak/KeccakTests (SHAKE is internal now).
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hashing;

public class HashAlgorithmTests
{
    public static TheoryData<int> Lengths => [0, 1, 31, 55, 56, 63, 64, 65, 72, 111, 112, 127, 128, 129, 135, 136, 137, 168, 1000, 4097, 9000];

    private static byte[]? Bcl(string name, byte[] data) => name switch
    {
        "SHA-256" => SHA256.HashData(data),
        "SHA-384" => SHA384.HashData(data),
        "SHA-512" => SHA512.HashData(data),
        "SHA3-256" => SHA3_256.IsSupported ? SHA3_256.HashData(data) : null,
        "SHA3-512" => SHA3_512.IsSupported ? SHA3_512.HashData(data) : null,
        _ => throw new InvalidOperationException($"no oracle for {name}: add one"),
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryFunction_BothPaths_MatchesTheBcl(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        int checkedCount = 0;
        foreach (HashAlgorithm hash in HashKdfPaths.HashesBothPaths())
        {
            byte[]? expected = Bcl(hash.Name, data);
            if (expected is null) continue;
            Assert.Equal(expected, hash.Hash(data));
            byte[] actual = new byte[hash.HashSizeInBytes];
            hash.Hash(data, actual);
            Assert.Equal(expected, actual);
            checkedCount++;
        }
        Assert.True(checkedCount >= 6, "the SHA-2 functions on both paths at least");
    }

    [Fact]
    public void Incremental_EqualsOneShot_ForRandomSplits()
    {
        var rng = new Random(180_4);
        foreach (HashAlgorithm hash in HashKdfPaths.HashesBothPaths())
        {
            int b = hash.BlockSizeInBytes;
            int[] lengths = [0, 1, b - 1, b, b + 1, 2 * b - 1, 2 * b, 2 * b + 1, 1000, 4096, 4097, 10_000];
            using IncrementalHasher hasher = hash.CreateIncremental(); // one hasher, reused for every message
            Assert.Same(hash, hasher.Algorithm);
            byte[] digest = new byte[hash.HashSizeInBytes];
            foreach (int length in lengths)
            {
                for (int trial = 0; trial < 8; trial++)
                {
                    byte[] data = new byte[length];
                    rng.NextBytes(data);
                    int offset = 0;
                    while (offset < length)
                    {
                        int take = rng.Next(4) == 0 ? 0 : rng.Next(1, Math.Min(length - offset, 2 * b + 2) + 1);
                        hasher.Append(data.AsSpan(offset, Math.Min(take, length - offset)));
                        offset += Math.Min(take, length - offset);
                    }
                    hasher.Append([]);
                    hasher.GetHashAndReset(digest);
                    Assert.True(hash.Hash(data).AsSpan().SequenceEqual(digest), $"{hash.Name}: {length} bytes");
                }
            }
            // Reset discards what was appended.
            hasher.Append([1, 2, 3]);
            hasher.Reset();
            hasher.Append([4, 5]);
            hasher.GetHashAndReset(digest);
            Assert.Equal(hash.Hash([4, 5]), digest);
            // An empty message right after a reset.
            hasher.GetHashAndReset(digest);
            Assert.Equal(hash.Hash([]), digest);
        }
    }

    [Fact]
    public void TryHash_FollowsTheTryContract()
    {
        foreach (HashAlgorithm hash in HashKdfPaths.HashesBothPaths())
        {
            byte[] small = new byte[hash.HashSizeInBytes - 1];
            Assert.False(hash.TryHash([1, 2], small, out int written));
            Assert.Equal(0, written);
            Assert.All(small, x => Assert.Equal(0, x));
            byte[] large = new byte[hash.HashSizeInBytes + 7];
            Assert.True(hash.TryHash([1, 2], large, out written));
            Assert.Equal(hash.HashSizeInBytes, written);
            Assert.Equal(hash.Hash([1, 2]), large[..written]);
            Assert.All(large[written..], x => Assert.Equal(0, x));
        }
    }

    [Fact]
    public void Properties()
    {
        Assert.Equal(("SHA-256", 32, 64), (HashAlgorithm.Sha256.Name, HashAlgorithm.Sha256.HashSizeInBytes, HashAlgorithm.Sha256.BlockSizeInBytes));
        Assert.Equal(("SHA-384", 48, 128), (HashAlgorithm.Sha384.Name, HashAlgorithm.Sha384.HashSizeInBytes, HashAlgorithm.Sha384.BlockSizeInBytes));
        Assert.Equal(("SHA-512", 64, 128), (HashAlgorithm.Sha512.Name, HashAlgorithm.Sha512.HashSizeInBytes, HashAlgorithm.Sha512.BlockSizeInBytes));
        Assert.Equal(("SHA3-256", 32, 136), (HashAlgorithm.Sha3_256.Name, HashAlgorithm.Sha3_256.HashSizeInBytes, HashAlgorithm.Sha3_256.BlockSizeInBytes));
        Assert.Equal(("SHA3-512", 64, 72), (HashAlgorithm.Sha3_512.Name, HashAlgorithm.Sha3_512.HashSizeInBytes, HashAlgorithm.Sha3_512.BlockSizeInBytes));
        Assert.Equal("SHA3-256", HashAlgorithm.Sha3_256.ToString());
        using IncrementalHasher hasher = HashAlgorithm.Sha256.CreateIncremental();
        Assert.Equal("IncrementalHasher SHA-256", hasher.ToString());
    }

    [Fact]
    public void HashesASecretThroughALease()
    {
        using Secret key = Secret.CreateRandom(32);
        Span<byte> ours = stackalloc byte[32];
        using (SecretReadLease lease = key.OpenRead()) HashAlgorithm.Sha3_256.Hash(lease.Span, ours);
        byte[] bcl = key.Read(0, static (s, _) => SHA3_256.IsSupported ? SHA3_256.HashData(s) : []);
        if (bcl.Length > 0) Assert.True(ours.SequenceEqual(bcl));
        Assert.False(ConstantTime.IsZero(ours));
    }

    [Fact]
    public void InputMayOverlapTheDestination()
    {
        foreach (HashAlgorithm hash in HashKdfPaths.HashesBothPaths())
        {
            byte[] buffer = new byte[200];
            new Random(7).NextBytes(buffer);
            byte[] expected = hash.Hash(buffer);
            hash.Hash(buffer, buffer.AsSpan(0, hash.HashSizeInBytes));
            Assert.Equal(expected, buffer[..hash.HashSizeInBytes]);
        }
    }
}
