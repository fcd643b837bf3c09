// Deep copy and our own persistence format for the braid (not the crate's protobuf):
//   state u8 ‖ epoch u64 ‖ authenticator (64, secret) ‖ dk seed (flag ‖ 64, secret) ‖ encapsulation state
//   (flag ‖ 128, secret) ‖ hdr, ek, ct1 (u32 length ‖ bytes, 0 = absent) ‖ encoder (flag ‖ message blob ‖ next
//   index u32) ‖ decoder (flag ‖ message length u32 ‖ count u32 ‖ count × (index u16 ‖ 32 bytes)).
// Import checks that exactly the fields of the recorded state are present, with their sizes.
using NoFuture.Memory;
using NoFuture.Sessions.Spqr.Encoding;

namespace NoFuture.Sessions.Spqr;

internal sealed partial class SpqrBraid
{
    [Flags]
    private enum Fields
    {
        None = 0,
        DkSeed = 1,
        Es = 2,
        Hdr = 4,
        Ek = 8,
        Ct1 = 16,
    }

    // Per state: the fields it holds, its encoder's and decoder's message lengths (0: none).
    private static (Fields Fields, int Encoder, int Decoder) Shape(SpqrBraidState s) => s switch
    {
        SpqrBraidState.KeysUnsampled => (Fields.None, 0, 0),
        SpqrBraidState.KeysSampled => (Fields.DkSeed | Fields.Ek, HeaderSize + MacSize, 0),
        SpqrBraidState.HeaderSent => (Fields.DkSeed, EkSize, Ct1Size),
        SpqrBraidState.Ct1Received => (Fields.DkSeed | Fields.Ct1, EkSize, 0),
        SpqrBraidState.EkSentCt1Received => (Fields.DkSeed | Fields.Ct1, 0, Ct2Size + MacSize),
        SpqrBraidState.NoHeaderReceived => (Fields.None, 0, HeaderSize + MacSize),
        SpqrBraidState.HeaderReceived => (Fields.Hdr, 0, EkSize),
        SpqrBraidState.Ct1Sampled => (Fields.Hdr | Fields.Es | Fields.Ct1, Ct1Size, EkSize),
        SpqrBraidState.EkReceivedCt1Sampled => (Fields.Es | Fields.Ek | Fields.Ct1, Ct1Size, 0),
        SpqrBraidState.Ct1Acknowledged => (Fields.Hdr | Fields.Es | Fields.Ct1, 0, EkSize),
        SpqrBraidState.Ct2Sampled => (Fields.None, Ct2Size + MacSize, 0),
        _ => (Fields.None, -1, -1),
    };

    internal SpqrBraid Clone()
    {
        var c = new SpqrBraid(State, Epoch, _auth.Clone());
        try
        {
            c._dkSeed = _dkSeed?.Clone();
            c._es = _es?.Clone();
            c._hdr = _hdr;   // public arrays are never written after they are set
            c._ek = _ek;
            c._ct1 = _ct1;
            c._encoder = _encoder?.Copy();
            c._decoder = _decoder?.Copy();
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    private static byte[] EncodedMessage(PolyEncoder e)
    {
        byte[] message = new byte[e.MessageLength];
        e.CopyMessage(message);
        return message;
    }

    internal int ExportedLength =>
        1 + 8 + SpqrAuthenticator.ExportedLength
        + 1 + (_dkSeed is null ? 0 : DkSeedSize)
        + 1 + (_es is null ? 0 : EsSize)
        + 12 + (_hdr?.Length ?? 0) + (_ek?.Length ?? 0) + (_ct1?.Length ?? 0)
        + 1 + (_encoder is null ? 0 : 4 + _encoder.MessageLength + 4)
        + 1 + (_decoder is null ? 0 : 8 + _decoder.ChunkCount * (2 + SpqrMessage.ChunkSize));

    internal void Export(ref SpqrRecordWriter w)
    {
        w.U8((byte)State);
        w.U64(Epoch);
        _auth.Export(w.Take(SpqrAuthenticator.ExportedLength));
        WriteSecret(ref w, _dkSeed);
        WriteSecret(ref w, _es);
        w.Blob(_hdr);
        w.Blob(_ek);
        w.Blob(_ct1);
        w.U8(_encoder is null ? (byte)0 : (byte)1);
        if (_encoder is not null)
        {
            w.Blob(EncodedMessage(_encoder));
            w.U32(_encoder.NextIndex);
        }
        w.U8(_decoder is null ? (byte)0 : (byte)1);
        if (_decoder is not null)
        {
            w.U32((uint)_decoder.MessageLength);
            w.U32((uint)_decoder.ChunkCount);
            Span<byte> data = stackalloc byte[SpqrMessage.ChunkSize];
            for (int i = 0; i < _decoder.ChunkCount; i++)
            {
                ushort index = _decoder.GetChunk(i, data);
                w.U8((byte)(index >> 8));
                w.U8((byte)index);
                w.Bytes(data);
            }
        }
    }

    private static void WriteSecret(ref SpqrRecordWriter w, Secret? s)
    {
        w.U8(s is null ? (byte)0 : (byte)1);
        if (s is null) return;
        using SecretReadLease l = s.OpenRead();
        w.Bytes(l.Span);
    }

    internal static SpqrBraid Import(ref SpqrRecordReader r)
    {
        byte stateByte = r.U8();
        if (stateByte > (byte)SpqrBraidState.Ct2Sampled) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        var state = (SpqrBraidState)stateByte;
        (Fields fields, int encoderLength, int decoderLength) = Shape(state);
        ulong epoch = r.U64();
        if (epoch == 0) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        var b = new SpqrBraid(state, epoch, SpqrAuthenticator.Import(r.Take(SpqrAuthenticator.ExportedLength)));
        try
        {
            b._dkSeed = ReadSecret(ref r, (fields & Fields.DkSeed) != 0, DkSeedSize);
            b._es = ReadSecret(ref r, (fields & Fields.Es) != 0, EsSize);
            b._hdr = ReadBlob(ref r, (fields & Fields.Hdr) != 0, HeaderSize);
            b._ek = ReadBlob(ref r, (fields & Fields.Ek) != 0, EkSize);
            b._ct1 = ReadBlob(ref r, (fields & Fields.Ct1) != 0, Ct1Size);
            bool hasEncoder = r.Bool();
            if (hasEncoder != (encoderLength > 0)) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
            if (hasEncoder)
            {
                ReadOnlySpan<byte> message = r.Blob();
                if (message.Length != encoderLength) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
                b._encoder = new PolyEncoder(message, r.U32());
            }
            bool hasDecoder = r.Bool();
            if (hasDecoder != (decoderLength > 0)) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
            if (hasDecoder)
            {
                if (r.U32() != (uint)decoderLength) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
                var d = new PolyDecoder(decoderLength);
                uint count = r.U32();
                if (count >= (uint)d.ChunksNeeded) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
                for (uint i = 0; i < count; i++)
                {
                    ReadOnlySpan<byte> entry = r.Take(2 + SpqrMessage.ChunkSize);
                    d.AddChunk((entry[0] << 8) | entry[1], entry[2..]);
                }
                if (d.ChunkCount != count) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
                b._decoder = d;
            }
            return b;
        }
        catch
        {
            b.Dispose();
            throw;
        }
    }

    private static Secret? ReadSecret(ref SpqrRecordReader r, bool expected, int size)
    {
        if (r.Bool() != expected) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        return expected ? Secret.CopyFrom(r.Take(size)) : null;
    }

    private static byte[]? ReadBlob(ref SpqrRecordReader r, bool expected, int size)
    {
        ReadOnlySpan<byte> blob = r.Blob();
        if (blob.Length != (expected ? size : 0)) SpqrThrowHelper.Rejected(SpqrError.StateDecode);
        return expected ? blob.ToArray() : null;
    }
}
