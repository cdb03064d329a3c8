namespace HealthCore.Modules.Laboratory;

internal sealed record LabTestMemberResponse(string Code, string? Display, LabTestKind? Kind, bool Active);

/// <summary>A test or panel of the tenant's catalogue; a panel lists its members and the tests it expands into.</summary>
internal sealed record LabTestResponse(
    string Code,
    string Display,
    LabTestKind Kind,
    IReadOnlyList<string> Synonyms,
    LabSpecimen? Specimen,
    string? Method,
    LabValueType? ValueType,
    string? Unit,
    IReadOnlyList<string> Answers,
    TurnaroundTargets? Turnaround,
    int? MinimumRetestIntervalMinutes,
    string? PriceCode,
    DeltaCheck? DeltaCheck,
    IReadOnlyList<LabTestMemberResponse> Members,
    IReadOnlyList<string> ExpandedTests,
    IReadOnlyList<ReferenceRange> Ranges,
    bool Active,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary><paramref name="catalog"/> holds at least every test reachable from <paramref name="test"/> (see CatalogGraph).</summary>
    public static LabTestResponse From(LabTest test, IReadOnlyDictionary<string, LabTest> catalog)
    {
        var graph = PanelGraph.Of(catalog.Values.Where(t => t.Code != test.Code).Append(test));
        return new(
            test.Code, test.Display, test.Kind, test.Synonyms, test.Specimen, test.Method, test.ValueType, test.Unit, test.Answers,
            test.Turnaround, test.MinimumRetestIntervalMinutes, test.PriceCode, test.DeltaCheck,
            [.. test.Members.Select(code => catalog.TryGetValue(code, out var member)
                ? new LabTestMemberResponse(code, member.Display, member.Kind, member.Active)
                : new LabTestMemberResponse(code, null, null, false))],
            graph.Expand(test.Code), test.Ranges, test.Active, test.Version, test.CreatedAt, test.UpdatedAt);
    }
}

/// <summary>A line of the catalogue list.</summary>
internal sealed record LabTestSummaryResponse(
    string Code, string Display, LabTestKind Kind, IReadOnlyList<string> Synonyms, string? SpecimenType, LabValueType? ValueType, string? Unit,
    int MemberCount, bool Active)
{
    public static LabTestSummaryResponse From(LabTest test) =>
        new(test.Code, test.Display, test.Kind, test.Synonyms, test.Specimen?.Type, test.ValueType, test.Unit, test.Members.Length, test.Active);
}
