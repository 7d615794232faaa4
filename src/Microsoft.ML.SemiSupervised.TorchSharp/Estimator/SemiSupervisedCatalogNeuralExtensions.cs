namespace Microsoft.ML.SemiSupervised.Neural;

/// <summary>
/// The neural methods on <c>mlContext.SemiSupervised</c> (C# 14) or <c>mlContext.GetSemiSupervisedCatalog()</c> (any
/// C# version): this package adds them to the core's catalog, as ML.NET's TorchSharp package adds its trainers.
/// </summary>
public static class SemiSupervisedCatalogNeuralExtensions
{
    /// <param name="catalog">The semi-supervised catalog.</param>
    extension(SemiSupervisedCatalog catalog)
    {
        /// <summary>
        /// FixMatch (Sohn et al., 2020): confident predictions on weakly augmented unlabeled rows become pseudo-labels
        /// that the network learns to predict on strongly augmented copies.
        /// </summary>
        /// <param name="labelColumnName">The label column: Single or Double (NaN for unlabeled), key (missing key) or text (empty).</param>
        /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
        /// <param name="numberOfEpochs">The epochs (each draws every unlabeled row once).</param>
        /// <param name="confidenceThreshold">The confidence at which a pseudo-label is used.</param>
        /// <param name="seed">The seed, or null to draw it from the MLContext.</param>
        /// <returns>The estimator; its transformer adds PredictedLabel and Score.</returns>
        /// <example>
        /// <code language="csharp">
        /// var model = mlContext.SemiSupervised.FixMatch(numberOfEpochs: 40).Fit(data);
        /// var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
        /// </code>
        /// </example>
        public NeuralEstimator FixMatch(
            string labelColumnName = "Label",
            string featureColumnName = "Features",
            int numberOfEpochs = NeuralDefaults.NumberOfEpochs,
            double confidenceThreshold = NeuralDefaults.FixMatchConfidenceThreshold,
            int? seed = null)
            => catalog.FixMatch(new FixMatchOptions
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                MaximumNumberOfIterations = numberOfEpochs,
                ConfidenceThreshold = confidenceThreshold,
                Seed = seed,
            });

        /// <summary>FixMatch with every option.</summary>
        /// <param name="options">The options.</param>
        /// <returns>The estimator.</returns>
        /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
        public NeuralEstimator FixMatch(FixMatchOptions options) => new(catalog.Context, options);

        /// <summary>
        /// MixMatch (Berthelot et al., 2019): sharpened guesses averaged over augmentations for the unlabeled rows, MixUp
        /// across labeled and unlabeled rows, squared-error loss on the unlabeled part.
        /// </summary>
        /// <param name="labelColumnName">The label column: Single or Double (NaN for unlabeled), key (missing key) or text (empty).</param>
        /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
        /// <param name="numberOfEpochs">The epochs (each draws every unlabeled row once).</param>
        /// <param name="seed">The seed, or null to draw it from the MLContext.</param>
        /// <returns>The estimator; its transformer adds PredictedLabel and Score.</returns>
        public NeuralEstimator MixMatch(
            string labelColumnName = "Label",
            string featureColumnName = "Features",
            int numberOfEpochs = NeuralDefaults.NumberOfEpochs,
            int? seed = null)
            => catalog.MixMatch(new MixMatchOptions
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                MaximumNumberOfIterations = numberOfEpochs,
                Seed = seed,
            });

        /// <summary>MixMatch with every option.</summary>
        /// <param name="options">The options.</param>
        /// <returns>The estimator.</returns>
        /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
        public NeuralEstimator MixMatch(MixMatchOptions options) => new(catalog.Context, options);

        /// <summary>
        /// Consistency regularization: Mean Teacher (Tarvainen and Valpola, 2017), a student matching its weight-averaged
        /// teacher on every row; with <paramref name="teacherDecay"/> 0, the Pi-model.
        /// </summary>
        /// <param name="labelColumnName">The label column: Single or Double (NaN for unlabeled), key (missing key) or text (empty).</param>
        /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
        /// <param name="numberOfEpochs">The epochs (each draws every unlabeled row once).</param>
        /// <param name="teacherDecay">The teacher's weight-average decay; 0 is the Pi-model.</param>
        /// <param name="seed">The seed, or null to draw it from the MLContext.</param>
        /// <returns>The estimator; its transformer adds PredictedLabel and Score.</returns>
        public NeuralEstimator MeanTeacher(
            string labelColumnName = "Label",
            string featureColumnName = "Features",
            int numberOfEpochs = NeuralDefaults.NumberOfEpochs,
            double teacherDecay = NeuralDefaults.MeanTeacherTeacherDecay,
            int? seed = null)
            => catalog.MeanTeacher(new MeanTeacherOptions
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                MaximumNumberOfIterations = numberOfEpochs,
                TeacherDecay = teacherDecay,
                Seed = seed,
            });

        /// <summary>Mean Teacher or Pi-model with every option.</summary>
        /// <param name="options">The options.</param>
        /// <returns>The estimator.</returns>
        /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
        public NeuralEstimator MeanTeacher(MeanTeacherOptions options) => new(catalog.Context, options);

        /// <summary>
        /// Batch pseudo-labeling (Lee, 2013): the network's own hard predictions on the unlabeled rows of each batch
        /// enter the loss, with a weight ramped up over training.
        /// </summary>
        /// <param name="labelColumnName">The label column: Single or Double (NaN for unlabeled), key (missing key) or text (empty).</param>
        /// <param name="featureColumnName">The feature column: a known-size vector of Single.</param>
        /// <param name="numberOfEpochs">The epochs (each draws every unlabeled row once).</param>
        /// <param name="seed">The seed, or null to draw it from the MLContext.</param>
        /// <returns>The estimator; its transformer adds PredictedLabel and Score.</returns>
        public NeuralEstimator PseudoLabeling(
            string labelColumnName = "Label",
            string featureColumnName = "Features",
            int numberOfEpochs = NeuralDefaults.NumberOfEpochs,
            int? seed = null)
            => catalog.PseudoLabeling(new PseudoLabelingOptions
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                MaximumNumberOfIterations = numberOfEpochs,
                Seed = seed,
            });

        /// <summary>Batch pseudo-labeling with every option.</summary>
        /// <param name="options">The options.</param>
        /// <returns>The estimator.</returns>
        /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
        public NeuralEstimator PseudoLabeling(PseudoLabelingOptions options) => new(catalog.Context, options);
    }
}
