using System.Text;

namespace Microsoft.ML.SemiSupervised.Tests.Infrastructure;

/// <summary>A generated support ticket: its text, its true topic, and whether its label is shown.</summary>
public sealed class TicketText
{
    /// <summary>The ticket's text.</summary>
    public string Text { get; set; } = "";

    /// <summary>The shown label: the topic's name, empty when hidden.</summary>
    public string Label { get; set; } = "";

    /// <summary>The true topic (0-based), whether shown or not.</summary>
    public int Topic { get; set; }
}

/// <summary>
/// Support-ticket-like texts from a few topic vocabularies, seeded, for tests and benchmarks on featurized text.
/// Each topic has 12 plain words (billing: "invoice", "refund", ...) and 150 generated product-like words of its own
/// ("zorvak", ...); a ticket has 12 to 30 words: 55 % drawn from its topic (the first words of a vocabulary far more
/// often than the last, as in real text), 5 % from another topic, the rest from 40 words every topic shares
/// ("please", "help", "my", ...). With a few percent of the tickets labeled, most of a topic's words are never seen
/// in a labeled ticket: a classifier trained on the labeled tickets alone misses them, while tickets that share
/// words link the topic together (what graph methods use).
/// </summary>
public static class TicketTexts
{
    /// <summary>The topics' names, which are also the labels.</summary>
    public static readonly string[] Topics = ["billing", "login", "shipping", "hardware", "crash"];

    private static readonly string[][] PlainWords =
    [
        ["invoice", "refund", "charge", "charged", "payment", "card", "bill", "subscription", "price", "paid", "twice", "receipt"],
        ["password", "login", "account", "locked", "reset", "username", "sign", "email", "code", "verify", "access", "session"],
        ["package", "delivery", "shipped", "tracking", "courier", "address", "arrived", "parcel", "late", "box", "order", "warehouse"],
        ["screen", "battery", "charger", "broken", "cable", "keyboard", "printer", "device", "power", "cracked", "usb", "fan"],
        ["crash", "error", "freezes", "update", "install", "bug", "app", "version", "restart", "exception", "log", "closes"],
    ];

    private static readonly string[] Shared =
    [
        "hello", "hi", "please", "help", "my", "the", "is", "not", "working", "since", "yesterday", "thanks", "urgent",
        "issue", "problem", "can", "you", "i", "have", "a", "with", "it", "again", "today", "still", "need", "this",
        "when", "and", "to", "was", "for", "on", "no", "any", "why", "what", "team", "support", "regards",
    ];

    private const int GeneratedWordsPerTopic = 150;

    /// <summary>
    /// <paramref name="count"/> tickets, topics in turn; each label shown with probability
    /// <paramref name="labeledFraction"/> (and the first ticket of each topic always), drawn with <paramref name="seed"/>.
    /// Only the topics in <paramref name="topics"/> (default: all) are generated.
    /// </summary>
    public static TicketText[] Generate(int count, double labeledFraction, int seed, int[]? topics = null)
    {
        topics ??= Enumerable.Range(0, Topics.Length).ToArray();
        var vocabularies = Vocabularies();
        var random = new Random(seed);
        var tickets = new TicketText[count];
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int topic = topics[i % topics.Length];
            text.Clear();
            int length = random.Next(12, 31);
            for (int w = 0; w < length; w++)
            {
                if (w > 0)
                    text.Append(' ');
                double draw = random.NextDouble();
                if (draw < 0.55)
                    text.Append(Pick(vocabularies[topic], random));
                else if (draw < 0.60)
                    text.Append(Pick(vocabularies[random.Next(Topics.Length)], random));
                else
                    text.Append(Shared[random.Next(Shared.Length)]);
            }
            bool shown = i < topics.Length || random.NextDouble() < labeledFraction;
            tickets[i] = new TicketText { Text = text.ToString(), Topic = topic, Label = shown ? Topics[topic] : "" };
        }
        return tickets;
    }

    /// <summary>Accuracy of <paramref name="predicted"/> (a topic name per ticket) over the tickets whose label is hidden.</summary>
    public static double HiddenAccuracy(IReadOnlyList<TicketText> tickets, IReadOnlyList<string> predicted)
    {
        int hidden = 0, correct = 0;
        for (int i = 0; i < tickets.Count; i++)
        {
            if (tickets[i].Label.Length > 0)
                continue;
            hidden++;
            if (predicted[i] == Topics[tickets[i].Topic])
                correct++;
        }
        return (double)correct / hidden;
    }

    /// <summary>Each topic's words: its plain words, then generated words, the same for every seed.</summary>
    private static string[][] Vocabularies()
    {
        var random = new Random(12345);
        string[] onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kr", "st", "tr"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
        var taken = new HashSet<string>(Shared.Concat(PlainWords.SelectMany(w => w)));
        var result = new string[Topics.Length][];
        for (int t = 0; t < Topics.Length; t++)
        {
            var words = new List<string>(PlainWords[t]);
            while (words.Count < PlainWords[t].Length + GeneratedWordsPerTopic)
            {
                var word = new StringBuilder();
                int syllables = random.Next(2, 4);
                for (int s = 0; s < syllables; s++)
                    word.Append(onsets[random.Next(onsets.Length)]).Append(vowels[random.Next(vowels.Length)]);
                word.Append(onsets[random.Next(onsets.Length)]);
                if (taken.Add(word.ToString()))
                    words.Add(word.ToString());
            }
            result[t] = words.ToArray();
        }
        return result;
    }

    /// <summary>A word of <paramref name="vocabulary"/>, the first ones far more often (the square of a uniform draw).</summary>
    private static string Pick(string[] vocabulary, Random random)
    {
        double u = random.NextDouble();
        return vocabulary[(int)(u * u * vocabulary.Length)];
    }
}
