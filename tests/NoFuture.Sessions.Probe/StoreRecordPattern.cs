// The records StoreWriterScenario writes, recognisable by the test: generation (8 bytes) then a length and a filler
// both derived from it.
using System.Buffers.Binary;

namespace NoFuture.Sessions.Probe;

internal static class StoreRecordPattern
{
    internal static byte[] Make(long generation)
    {
        int length = 8 + (int)((generation * 7919) % 65536);
        byte[] record = new byte[length];
        BinaryPrimitives.WriteInt64BigEndian(record, generation);
        for (int i = 8; i < length; i++) record[i] = (byte)(generation + i);
        return record;
    }
}
