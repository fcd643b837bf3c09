// One HPKE sender context sealing from several threads at once (RFC 9180 §5.2: each message must get its own sequence
// number, hence its own nonce; a repeated AES-GCM or ChaCha20-Poly1305 nonce breaks confidentiality and integrity).
// The recipient then finds, for every sequence number in turn, exactly one ciphertext that opens.
using NoFuture.Crypto.Hpke;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeContextConcurrencyTests
{
    [Fact]
    public void ConcurrentSeals_NeverShareASequenceNumber()
    {
        const int Threads = 4, PerThread = 60, Total = Threads * PerThread;
        var suite = new HpkeSuite(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes];
        using HpkeSenderContext sender = suite.SetupSender(skR.PublicKey, enc, "concurrency"u8);
        var ciphertexts = new byte[Total][];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
            {
                byte[] ct = new byte[16 + 16];
                sender.Seal(BitConverter.GetBytes((long)(t * PerThread + i)).Concat(new byte[8]).ToArray(), ct);
                ciphertexts[t * PerThread + i] = ct;
            }
        })).ToArray();
        foreach (Thread w in workers) w.Start();
        foreach (Thread w in workers) w.Join();
        Assert.Equal((ulong)Total, sender.SequenceNumber);

        using HpkeRecipientContext recipient = suite.SetupRecipient(skR, enc, "concurrency"u8);
        var remaining = new List<byte[]>(ciphertexts);
        byte[] opened = new byte[16];
        for (ulong sequence = 0; sequence < Total; sequence++)
        {
            // One remaining ciphertext must open at this sequence number (Open does not advance on failure). Had two seals
            // shared a number, one of them would never open and a later number would find none.
            int opener = -1;
            for (int j = 0; j < remaining.Count; j++)
            {
                if (!recipient.Open(remaining[j], opened)) continue;
                opener = j;
                break;
            }
            Assert.True(opener >= 0, $"no ciphertext opens at sequence number {sequence}");
            remaining.RemoveAt(opener);
        }
        Assert.Empty(remaining);
    }
}
