using HealthCore.Modules.Clinical;

namespace HealthCore.Tests.Modules.Clinical;

/// <summary>The shipped definitions are sound: a mistake here would make answers unanswerable or scores unbanded.</summary>
public sealed class FormDefinitionsTests
{
    [Fact]
    public void Forms_are_found_by_key_and_version()
    {
        FormDefinitions.Find("nursing.admission", 1).ShouldBeSameAs(NursingAdmissionForm.Version1);
        FormDefinitions.Find("radiology.preprocedure", 1).ShouldBeSameAs(RadiologyPreprocedureForm.Version1);
        FormDefinitions.Find("nursing.admission", 2).ShouldBeNull();
        FormDefinitions.Find("nursing.discharge", 1).ShouldBeNull();
        FormDefinitions.Latest("nursing.admission").ShouldBeSameAs(NursingAdmissionForm.Version1);
    }

    [Fact]
    public void Every_key_and_version_is_shipped_once()
    {
        FormDefinitions.All.Select(form => (form.Key, form.Version)).Distinct().Count().ShouldBe(FormDefinitions.All.Count);
    }

    [Fact]
    public void Field_keys_are_unique_and_choice_fields_have_unique_codes()
    {
        foreach (var form in FormDefinitions.All)
        {
            form.Fields.Select(field => field.Key).ShouldBeUnique(form.Key);
            foreach (var field in form.Fields)
            {
                (field.Type == FormFieldType.Choice).ShouldBe(field.Choices is { Count: > 0 }, $"{form.Key}.{field.Key}");
                field.Choices?.Select(choice => choice.Code).ShouldBeUnique($"{form.Key}.{field.Key}");
                if (field.RequiredWhenTrue is { } condition)
                {
                    form.Field(condition).ShouldNotBeNull().Type.ShouldBe(FormFieldType.Boolean);
                }
            }
        }
    }

    [Fact]
    public void Every_score_sums_bounded_integers_or_single_choices_and_its_bands_cover_every_total_once()
    {
        foreach (var form in FormDefinitions.All)
        {
            foreach (var score in form.Scores)
            {
                var (lowest, highest) = (0, 0);
                foreach (var key in score.Fields)
                {
                    var field = form.Field(key).ShouldNotBeNull($"{score.Key}: {key}");
                    field.Required.ShouldBeTrue($"{score.Key}: {key}");
                    if (field.Type == FormFieldType.Integer)
                    {
                        lowest += (int)field.Min.ShouldNotBeNull();
                        highest += (int)field.Max.ShouldNotBeNull();
                    }
                    else
                    {
                        field.Type.ShouldBe(FormFieldType.Choice, $"{score.Key}: {key}");
                        field.Multiple.ShouldBeFalse();
                        lowest += field.Choices!.Min(choice => choice.Points);
                        highest += field.Choices!.Max(choice => choice.Points);
                    }
                }

                score.Bands[0].From.ShouldBe(lowest, score.Key);
                score.Bands[^1].To.ShouldBe(highest, score.Key);
                score.Bands.Zip(score.Bands.Skip(1)).ShouldAllBe(pair => pair.First.To + 1 == pair.Second.From);
            }
        }
    }

    [Fact]
    public void The_admission_assessment_scores_falls_pressure_ulcer_and_nutrition_risk()
    {
        NursingAdmissionForm.Version1.Scores.Select(score => score.Key).ShouldBe(["morse", "braden", "must"]);
        var braden = NursingAdmissionForm.Version1.Scores.Single(score => score.Key == "braden");
        (braden.Bands[0].From, braden.Bands[^1].To).ShouldBe((6, 23));
    }
}
