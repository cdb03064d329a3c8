namespace HealthCore.Modules.Laboratory;

/// <summary>The checks shared by PUT and import: each definition on its own, then its panel members against the catalogue as it will be.</summary>
internal static class CatalogChanges
{
    public static async Task<FieldErrorList> ValidateAsync(
        LaboratoryDb db, IReadOnlyList<(LabTestInput Input, string Prefix)> definitions, CancellationToken cancellationToken)
    {
        var errors = new FieldErrorList();
        foreach (var (input, prefix) in definitions)
        {
            LabTestRules.Validate(input, prefix, errors);
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var reachable = await db.Tests.LoadReachableAsync(definitions.SelectMany(d => d.Input.Members ?? []), cancellationToken);
        var graph = PanelGraph.Of(reachable.Values);
        foreach (var (input, _) in definitions)
        {
            graph.Set(input.Code!, input.Kind!.Value, input.Members ?? []);
        }

        graph.Check(definitions.Where(d => d.Input.Kind == LabTestKind.Panel).Select(d => (d.Input.Code!, d.Prefix)), errors);
        return errors;
    }
}
