namespace HealthCore.Platform.Seeding;

/// <summary>
/// Deterministic demo data: a seeded <see cref="Random"/> (the seeded algorithm is fixed, so a seed gives the same
/// sequence on every run and .NET version) and small built-in name and address lists. Enough to look like a hospital's
/// records; not meant to be statistically realistic.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private static readonly string[] FamilyNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
        "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
        "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
        "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Okafor", "O'Brien", "Kowalski", "Müller", "Schmidt",
        "Rossi", "Dubois", "Tanaka", "Kim", "Patel", "Singh", "Chen", "Wang", "Novak", "Jensen", "Larsen", "Costa",
    ];

    private static readonly string[] FemaleNames =
    [
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa",
        "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa",
        "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen", "Amy", "Angela", "Ada", "Zoë",
        "Renée", "Chloe", "Grace", "Sofia", "Mia", "Aisha", "Yuki", "Ingrid", "Lucia", "Fatima", "Hannah",
    ];

    private static readonly string[] MaleNames =
    [
        "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles", "Christopher",
        "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin",
        "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Caio", "José", "Liam",
        "Noah", "Omar", "Hiroshi", "Lars", "Marco", "Pierre", "Raj", "Wei", "Samuel", "Oliver",
    ];

    private static readonly string[] Streets =
    [
        "Main Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Pine Street", "Elm Street", "Washington Avenue",
        "Lake Road", "Hill Street", "Park Avenue", "River Road", "Church Street", "Sunset Boulevard", "Highland Avenue",
    ];

    private static readonly (string City, string State)[] Cities =
    [
        ("Springfield", "IL"), ("Riverside", "CA"), ("Franklin", "TN"), ("Greenville", "SC"), ("Madison", "WI"),
        ("Georgetown", "TX"), ("Salem", "OR"), ("Fairview", "NJ"), ("Clinton", "IA"), ("Arlington", "VA"),
        ("Burlington", "VT"), ("Dayton", "OH"), ("Portland", "ME"), ("Aurora", "CO"), ("Lexington", "KY"),
    ];

    private readonly Random random = new(seed);

    public bool Bool() => random.Next(2) == 1;

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public int Int(int min, int max) => random.Next(min, max + 1);

    public T Pick<T>(params IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public T PickEnum<T>()
        where T : struct, Enum => Pick(Enum.GetValues<T>());

    /// <summary>One of the values, each with its weight's share of the chances.</summary>
    public T Weighted<T>(IReadOnlyList<T> values, IReadOnlyList<double> weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < values.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    public string FamilyName() => Pick(FamilyNames);

    public string GivenName(bool female) => female ? Pick(FemaleNames) : Pick(MaleNames);

    public string GivenName() => GivenName(Bool());

    public string StreetAddress() => $"{Int(1, 9999)} {Pick(Streets)}";

    public (string City, string State) City() => Pick(Cities);

    public string ZipCode() => Int(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
