using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ArCollect.Infrastructure.Risk;

/// <summary>A candidate algorithm for one head: its name and untrained pipeline.</summary>
public sealed record RiskCandidate(string Name, bool OnLogScale, IEstimator<ITransformer> Pipeline);

/// <summary>
/// The algorithms tried for each head. Small ledgers get only models that cannot memorise them: regularised linear
/// models and shallow boosted trees with few leaves and many invoices per leaf.
/// </summary>
public static class RiskCandidates
{
    /// <summary>Below this many training invoices the boosted trees are kept shallow.</summary>
    public const int SmallLedgerRows = 5000;

    private static readonly string[] Categories = ["Currency", "Segment", "Region", "Channel"];

    public static IReadOnlyList<RiskCandidate> Classifiers(MLContext ml, int trainingRows)
    {
        var (name, trees, leaves, perLeaf) = Trees(trainingRows);
        return
        [
            new(name, false, Featurize(ml).Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = "Late",
                NumberOfTrees = trees,
                NumberOfLeaves = leaves,
                MinimumExampleCountPerLeaf = perLeaf,
                LearningRate = 0.15,
            }))),
            new("Logistic regression", false, Featurize(ml)
                .Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression("Late", l2Regularization: 1f))),
        ];
    }

    public static IReadOnlyList<RiskCandidate> Regressors(MLContext ml, int trainingRows)
    {
        var (name, trees, leaves, perLeaf) = Trees(trainingRows);
        FastTreeRegressionTrainer.Options Options(string label) => new()
        {
            LabelColumnName = label,
            NumberOfTrees = trees,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = perLeaf,
            LearningRate = 0.1,
        };

        return
        [
            new($"{name} (log days)", true, Featurize(ml).Append(ml.Regression.Trainers.FastTree(Options("LogDaysLate")))),
            new($"{name} (days)", false, Featurize(ml).Append(ml.Regression.Trainers.FastTree(Options("DaysLate")))),
            new("SDCA linear (days)", false, Featurize(ml)
                .Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.Regression.Trainers.Sdca("DaysLate", l2Regularization: 0.1f))),
        ];
    }

    private static (string Name, int Trees, int Leaves, int PerLeaf) Trees(int trainingRows) => trainingRows < SmallLedgerRows
        ? ("FastTree shallow", 50, 4, 50)
        : ("FastTree", 100, 16, 20);

    private static IEstimator<ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Categorical.OneHotEncoding(Categories.Select(c => new InputOutputColumnPair(c + "Code", c)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", ["Numeric", "Heuristic", .. Categories.Select(c => c + "Code")]));
}
