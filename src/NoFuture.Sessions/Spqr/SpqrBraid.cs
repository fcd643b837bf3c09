// The ML-KEM braid of SPQR V1 (the "chunked" state machine), read from the Rust crate spqr v1.5.3:
// src/v1/chunked/states.rs (States::send / recv), src/v1/chunked/send_ek.rs and send_ct.rs (the chunked states),
// src/v1/unchunked/send_ek.rs and send_ct.rs (the KEM and authenticator steps). One side holds the ML-KEM key
// (send_ek: A starts there), the other encapsulates (send_ct: B starts there); they swap roles every epoch.
//
//   send_ek: KeysUnsampled -send-> KeysSampled (header ‖ MAC chunks) -recv Ct1-> HeaderSent (ek chunks, collecting
//            ct1) -ct1 complete-> Ct1Received (ek chunks as EkCt1Ack) -recv Ct2-> EkSentCt1Received (Ct1Ack, collecting
//            ct2 ‖ MAC) -complete, decapsulate, MAC ok-> NoHeaderReceived(epoch + 1), epoch secret out.
//   send_ct: NoHeaderReceived (None, collecting header ‖ MAC) -complete, MAC ok-> HeaderReceived -send: encapsulate1,
//            epoch secret out-> Ct1Sampled (ct1 chunks, collecting ek) -> EkReceivedCt1Sampled (ek done) or
//            Ct1Acknowledged (ack first) -> Ct2Sampled (ct2 ‖ MAC chunks) -recv epoch + 1-> KeysUnsampled(epoch + 1).
//   Epoch secret = HKDF(salt 0, ML-KEM shared secret, "Signal_PQCKA_V1_MLKEM768:SCKA Key" ‖ epoch BE64, 32); the
//   authenticator is updated with it before the ciphertext MAC is made or checked.
//   A message from an older epoch changes nothing; from a later one it is EpochOutOfRange (except epoch + 1 in
//   Ct2Sampled, which tells the encapsulating side the other one finished).
//
// Differences from the crate, none visible on the wire:
// - The decapsulation key is kept as its 64-byte FIPS 203 seed d ‖ z (libcrux keeps a compressed key pair); the
//   encapsulation state is MlKem768Incremental's 128-byte form (libcrux keeps 2080 bytes). Both are secrets.
// - Recv never half-applies: the only steps that can fail (a MAC, the ek/header match) run on a copy of the decoder
//   and of the authenticator, taken only when the arriving chunk could complete the message; `this` changes only
//   after every check passed.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions.Spqr.Encoding;

namespace NoFuture.Sessions.Spqr;

internal enum SpqrBraidState : byte
{
    KeysUnsampled = 0,
    KeysSampled = 1,
    HeaderSent = 2,
    Ct1Received = 3,
    EkSentCt1Received = 4,
    NoHeaderReceived = 5,
    HeaderReceived = 6,
    Ct1Sampled = 7,
    EkReceivedCt1Sampled = 8,
    Ct1Acknowledged = 9,
    Ct2Sampled = 10,
}

internal sealed partial class SpqrBraid : IDisposable
{
    internal const int HeaderSize = MlKem768Incremental.HeaderSizeInBytes;                 // 64
    internal const int EkSize = MlKem768Incremental.EncapsulationKeyVectorSizeInBytes;     // 1152
    internal const int Ct1Size = MlKem768Incremental.Ciphertext1SizeInBytes;               // 960
    internal const int Ct2Size = MlKem768Incremental.Ciphertext2SizeInBytes;               // 128
    internal const int EsSize = MlKem768Incremental.EncapsulationStateSizeInBytes;         // 128
    internal const int DkSeedSize = 64;
    internal const int SecretSize = 32;
    private const int MacSize = SpqrAuthenticator.MacSize;

    private SpqrAuthenticator _auth;
    private Secret? _dkSeed;      // send_ek: KeysSampled .. EkSentCt1Received
    private Secret? _es;          // send_ct: Ct1Sampled .. EkReceivedCt1Sampled / Ct1Acknowledged
    private byte[]? _hdr;         // send_ct: HeaderReceived .. Ct1Acknowledged (the peer's header)
    private byte[]? _ek;          // send_ek: KeysSampled (ours, until sent); send_ct: EkReceivedCt1Sampled (the peer's)
    private byte[]? _ct1;         // send_ek: Ct1Received, EkSentCt1Received; send_ct: Ct1Sampled .. (ours)
    private PolyEncoder? _encoder;
    private PolyDecoder? _decoder;

    private SpqrBraid(SpqrBraidState state, ulong epoch, SpqrAuthenticator auth)
    {
        State = state;
        Epoch = epoch;
        _auth = auth;
    }

    internal SpqrBraidState State { get; private set; }

    internal ulong Epoch { get; private set; }

    /// <summary>States::init_a / init_b: epoch 1, authenticator from the auth key.</summary>
    internal static SpqrBraid Create(bool a2b, ReadOnlySpan<byte> authKey)
    {
        var braid = new SpqrBraid(a2b ? SpqrBraidState.KeysUnsampled : SpqrBraidState.NoHeaderReceived, 1, SpqrAuthenticator.Create(authKey, 1));
        if (!a2b) braid._decoder = new PolyDecoder(HeaderSize + MacSize);
        return braid;
    }

    /// <summary>States::send: the message this state sends now (index filled in by the caller). For the types that
    /// carry a chunk (<see cref="SpqrMessage.HasChunk"/>) its 32 bytes go to <paramref name="chunk"/> (so a message
    /// allocates nothing here). When an epoch secret is produced (HeaderReceived -> Ct1Sampled), it is written to
    /// <paramref name="epochSecret"/> and <paramref name="secretEpoch"/> is its epoch; otherwise
    /// <paramref name="secretEpoch"/> is 0.</summary>
    internal (ulong Epoch, SpqrMessageType Type, ushort ChunkIndex) Send(Span<byte> epochSecret, Span<byte> chunk, out ulong secretEpoch)
    {
        secretEpoch = 0;
        ulong epoch = Epoch;
        switch (State)
        {
            case SpqrBraidState.KeysUnsampled:
                SampleKeys();
                State = SpqrBraidState.KeysSampled;
                return Chunked(epoch, SpqrMessageType.Hdr, chunk);
            case SpqrBraidState.KeysSampled:
                return Chunked(epoch, SpqrMessageType.Hdr, chunk);
            case SpqrBraidState.HeaderSent:
                return Chunked(epoch, SpqrMessageType.Ek, chunk);
            case SpqrBraidState.Ct1Received:
                return Chunked(epoch, SpqrMessageType.EkCt1Ack, chunk);
            case SpqrBraidState.EkSentCt1Received:
                return (epoch, SpqrMessageType.Ct1Ack, 0);
            case SpqrBraidState.NoHeaderReceived:
            case SpqrBraidState.Ct1Acknowledged:
                return (epoch, SpqrMessageType.None, 0);
            case SpqrBraidState.HeaderReceived:
                Encapsulate1(epochSecret);
                secretEpoch = epoch;
                State = SpqrBraidState.Ct1Sampled;
                return Chunked(epoch, SpqrMessageType.Ct1, chunk);
            case SpqrBraidState.Ct1Sampled:
            case SpqrBraidState.EkReceivedCt1Sampled:
                return Chunked(epoch, SpqrMessageType.Ct1, chunk);
            case SpqrBraidState.Ct2Sampled:
                return Chunked(epoch, SpqrMessageType.Ct2, chunk);
            default:
                SpqrThrowHelper.Invariant("unknown braid state");
                return default;
        }
    }

    private (ulong, SpqrMessageType, ushort) Chunked(ulong epoch, SpqrMessageType type, Span<byte> chunk) =>
        (epoch, type, _encoder!.NextChunk(chunk));

    /// <summary>send_ek KeysUnsampled::send_header: a fresh ML-KEM-768 key; the header ‖ MAC goes out in chunks.</summary>
    private void SampleKeys()
    {
        Secret seed = Secret.CreateRandom(DkSeedSize);
        try
        {
            byte[] ek = new byte[MlKem768Incremental.EncapsulationKeySizeInBytes];
            using (MlKemKey key = MlKemKey.ImportPrivateSeed(MLKemAlgorithm.MLKem768, seed))
                key.ExportEncapsulationKey(ek);
            byte[] hdrMac = new byte[HeaderSize + MacSize];
            _ek = new byte[EkSize];
            MlKem768Incremental.SplitEncapsulationKey(ek, hdrMac.AsSpan(0, HeaderSize), _ek);
            _auth.MacHeader(Epoch, hdrMac.AsSpan(0, HeaderSize), hdrMac.AsSpan(HeaderSize));
            _encoder = new PolyEncoder(hdrMac);
            _dkSeed = seed;
        }
        catch
        {
            seed.Dispose();
            throw;
        }
    }

    /// <summary>send_ct HeaderReceived::send_ct1: encapsulate against the header; the epoch secret is known now.</summary>
    private void Encapsulate1(Span<byte> epochSecret)
    {
        Secret es = Secret.Allocate(EsSize);
        Span<byte> ss = stackalloc byte[MlKem768Incremental.SharedSecretSizeInBytes];
        try
        {
            byte[] ct1 = new byte[Ct1Size];
            using (SecretWriteLease w = es.OpenWrite())
                MlKem768Incremental.Encapsulate1(_hdr, ct1, w.Span, ss);
            SpqrKdf.HkdfWithEpoch(ss, SpqrKdf.SckaKey, Epoch, epochSecret);
            _auth.Update(Epoch, epochSecret);
            _ct1 = ct1;
            _es = es;
            _encoder = new PolyEncoder(ct1);
            // The ek decoder made on HeaderReceived stays.
        }
        catch
        {
            es.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ss);
        }
    }

    public void Dispose()
    {
        _auth.Dispose();
        _dkSeed?.Dispose();
        _es?.Dispose();
        _dkSeed = null;
        _es = null;
        _encoder = null;
        _decoder = null;
    }
}
