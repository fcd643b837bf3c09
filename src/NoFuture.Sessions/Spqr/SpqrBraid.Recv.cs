// States::recv of the Rust crate spqr v1.5.3 (src/v1/chunked/states.rs), with the chunked and unchunked steps it
// calls. Every check runs before `this` changes (see SpqrBraid.cs).
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Sessions.Spqr.Encoding;

namespace NoFuture.Sessions.Spqr;

internal sealed partial class SpqrBraid
{
    /// <summary>Whether <see cref="Recv"/> would accept a message of <paramref name="epoch"/> (its EpochOutOfRange
    /// check), without changing anything.</summary>
    internal bool AcceptsEpoch(ulong epoch) =>
        epoch <= Epoch || (State == SpqrBraidState.Ct2Sampled && epoch == Epoch + 1);

    /// <summary>States::recv. When the message completes an epoch on this side (send_ek receiving the last ct2
    /// chunk) the epoch secret is written to <paramref name="epochSecret"/> and its epoch returned; otherwise 0.</summary>
    /// <exception cref="SpqrException">EpochOutOfRange, MacVerifyFailed or ErroneousDataReceived; nothing changed.</exception>
    internal ulong Recv(in SpqrMessage msg, Span<byte> epochSecret)
    {
        if (msg.Epoch > Epoch)
        {
            if (State == SpqrBraidState.Ct2Sampled && msg.Epoch == Epoch + 1)
            {
                // Ct2Sent::recv_next_epoch: the peer finished; we hold the key next.
                State = SpqrBraidState.KeysUnsampled;
                Epoch++;
                _encoder = null;
                return 0;
            }
            SpqrThrowHelper.Rejected(SpqrError.EpochOutOfRange);
        }
        if (msg.Epoch < Epoch) return 0;

        SpqrMessageType t = msg.Type;
        switch (State)
        {
            case SpqrBraidState.KeysSampled when t == SpqrMessageType.Ct1:
                // KeysSampled::recv_ct1_chunk: start collecting ct1 and send ek. One chunk never completes ct1.
                var ct1Decoder = new PolyDecoder(Ct1Size);
                ct1Decoder.AddChunk(msg.Chunk.Index, msg.Chunk.Data);
                _decoder = ct1Decoder;
                _encoder = new PolyEncoder(_ek);
                _ek = null;
                State = SpqrBraidState.HeaderSent;
                return 0;

            case SpqrBraidState.HeaderSent when t == SpqrMessageType.Ct1:
                if (_decoder!.AddChunk(msg.Chunk.Index, msg.Chunk.Data))
                {
                    _ct1 = _decoder.DecodeMessage();
                    _decoder = null;
                    State = SpqrBraidState.Ct1Received;
                }
                return 0;

            case SpqrBraidState.Ct1Received when t == SpqrMessageType.Ct2:
                // Ct1Received::recv_ct2_chunk: ek no longer needs sending. One chunk never completes ct2 ‖ MAC.
                var ct2Decoder = new PolyDecoder(Ct2Size + MacSize);
                ct2Decoder.AddChunk(msg.Chunk.Index, msg.Chunk.Data);
                _decoder = ct2Decoder;
                _encoder = null;
                State = SpqrBraidState.EkSentCt1Received;
                return 0;

            case SpqrBraidState.EkSentCt1Received when t == SpqrMessageType.Ct2:
                return RecvCt2Chunk(msg.Chunk, epochSecret);

            case SpqrBraidState.NoHeaderReceived when t == SpqrMessageType.Hdr:
                RecvHeaderChunk(msg.Chunk);
                return 0;

            case SpqrBraidState.Ct1Sampled when t is SpqrMessageType.Ek or SpqrMessageType.EkCt1Ack:
                RecvEkChunk(msg.Chunk, ack: t == SpqrMessageType.EkCt1Ack);
                return 0;

            case SpqrBraidState.Ct1Acknowledged when t is SpqrMessageType.Ek or SpqrMessageType.EkCt1Ack:
                // Out of order: ek chunks still welcome after the first ack.
                RecvEkChunk(msg.Chunk, ack: true);
                return 0;

            case SpqrBraidState.EkReceivedCt1Sampled when t is SpqrMessageType.Ct1Ack or SpqrMessageType.EkCt1Ack:
                SendCt2(_ek!);
                return 0;

            default:
                return 0;
        }
    }

    /// <summary>The decoder that receives the next chunk: the live one, or a copy when the chunk could
    /// complete the message (whose check may still fail and must leave the live one untouched).</summary>
    private PolyDecoder DecoderFor()
    {
        PolyDecoder d = _decoder!;
        return d.ChunkCount < d.ChunksNeeded - 1 ? d : d.Copy();
    }

    /// <summary>send_ct NoHeaderReceived::recv_hdr_chunk and recv_header: header ‖ MAC, MAC checked.</summary>
    private void RecvHeaderChunk(SpqrChunk chunk)
    {
        PolyDecoder d = DecoderFor();
        if (!d.AddChunk(chunk.Index, chunk.Data))
        {
            _decoder = d;
            return;
        }
        byte[] hdrMac = d.DecodeMessage();
        if (!_auth.VerifyHeader(Epoch, hdrMac.AsSpan(0, HeaderSize), hdrMac.AsSpan(HeaderSize)))
            SpqrThrowHelper.Rejected(SpqrError.MacVerifyFailed);
        _hdr = hdrMac[..HeaderSize];
        _decoder = new PolyDecoder(EkSize);
        State = SpqrBraidState.HeaderReceived;
    }

    /// <summary>send_ct Ct1Sampled / Ct1Acknowledged::recv_ek_chunk and Ct1Sent::recv_ek.</summary>
    private void RecvEkChunk(SpqrChunk chunk, bool ack)
    {
        PolyDecoder d = DecoderFor();
        if (!d.AddChunk(chunk.Index, chunk.Data))
        {
            _decoder = d;
            if (ack && State == SpqrBraidState.Ct1Sampled)
            {
                State = SpqrBraidState.Ct1Acknowledged;
                _encoder = null;
            }
            return;
        }
        byte[] ek = d.DecodeMessage();
        if (!MlKem768Incremental.EncapsulationKeyMatchesHeader(_hdr, ek))
            SpqrThrowHelper.Rejected(SpqrError.ErroneousDataReceived);
        _decoder = null;
        _hdr = null;
        if (ack)
        {
            SendCt2(ek);
        }
        else
        {
            _ek = ek;
            State = SpqrBraidState.EkReceivedCt1Sampled;
        }
    }

    /// <summary>send_ct Ct1SentEkReceived::send_ct2: c2, MAC over ct1 ‖ ct2, chunks of ct2 ‖ MAC.</summary>
    private void SendCt2(byte[] ek)
    {
        byte[] ct2Mac = new byte[Ct2Size + MacSize];
        using (SecretReadLease es = _es!.OpenRead())
            MlKem768Incremental.Encapsulate2(es.Span, ek, ct2Mac.AsSpan(0, Ct2Size));
        _auth.MacCiphertext(Epoch, _ct1, ct2Mac.AsSpan(0, Ct2Size), ct2Mac.AsSpan(Ct2Size));
        _es.Dispose();
        _es = null;
        _ek = null;
        _ct1 = null;
        _hdr = null;
        _decoder = null;
        _encoder = new PolyEncoder(ct2Mac);
        State = SpqrBraidState.Ct2Sampled;
    }

    /// <summary>send_ek EkSentCt1Received::recv_ct2_chunk and recv_ct2: decapsulate, derive the epoch secret,
    /// update the authenticator with it, check the ciphertext MAC; then the roles swap.</summary>
    private ulong RecvCt2Chunk(SpqrChunk chunk, Span<byte> epochSecret)
    {
        PolyDecoder d = DecoderFor();
        if (!d.AddChunk(chunk.Index, chunk.Data))
        {
            _decoder = d;
            return 0;
        }
        byte[] ct2Mac = d.DecodeMessage();
        Span<byte> ss = stackalloc byte[MlKem768Incremental.SharedSecretSizeInBytes];
        Span<byte> secret = stackalloc byte[SecretSize];
        SpqrAuthenticator updated = _auth.Clone();
        try
        {
            using (MlKemKey dk = MlKemKey.ImportPrivateSeed(MLKemAlgorithm.MLKem768, _dkSeed!))
                MlKem768Incremental.Decapsulate(dk, _ct1, ct2Mac.AsSpan(0, Ct2Size), ss);
            SpqrKdf.HkdfWithEpoch(ss, SpqrKdf.SckaKey, Epoch, secret);
            updated.Update(Epoch, secret);
            if (!updated.VerifyCiphertext(Epoch, _ct1, ct2Mac.AsSpan(0, Ct2Size), ct2Mac.AsSpan(Ct2Size)))
                SpqrThrowHelper.Rejected(SpqrError.MacVerifyFailed);
            secret.CopyTo(epochSecret);
            (_auth, updated) = (updated, _auth);
        }
        finally
        {
            updated.Dispose();
            CryptographicOperations.ZeroMemory(ss);
            CryptographicOperations.ZeroMemory(secret);
        }
        ulong completed = Epoch;
        _dkSeed!.Dispose();
        _dkSeed = null;
        _ct1 = null;
        _decoder = new PolyDecoder(HeaderSize + MacSize);
        Epoch++;
        State = SpqrBraidState.NoHeaderReceived;
        return completed;
    }
}
