// RFC 9420 §8.4 PSKType (uint8): reserved(0), external(1), resumption(2). A select() discriminator of PreSharedKeyID,
// so an unknown value is refused (InvalidValue).
namespace NoFuture.Mls.KeySchedule;

internal enum PskType : byte
{
    External = 1,
    Resumption = 2,
}
