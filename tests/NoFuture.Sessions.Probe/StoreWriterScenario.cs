// Saves records in a loop until killed, printing "saved=N" after each save returns: a test kills this process at a
// random moment and then checks that every record is either the last one confirmed or the one being written.
using System.Globalization;
using NoFuture.Memory;
using NoFuture.Sessions;

namespace NoFuture.Sessions.Probe;

internal static class StoreWriterScenario
{
    internal static int Run(string directory, string hexKey, StoreDurability durability)
    {
        using Secret key = Secret.CopyFrom(Convert.FromHexString(hexKey));
        using FileSessionStore store = FileSessionStore.OpenWithKey(directory, key, durability);
        Console.Out.WriteLine("ready=1");
        Console.Out.Flush();
        for (long generation = 1; ; generation++)
        {
            // Records of varying length (1 to 64 KiB) make a torn write detectable by length as well as by tag.
            byte[] record = StoreRecordPattern.Make(generation);
            store.Save("alice.1", record);
            Console.Out.WriteLine("saved=" + generation.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
    }
}
