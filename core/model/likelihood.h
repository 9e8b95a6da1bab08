#pragma once

#include <QList>
#include <QString>

/// How the decoder's output scores an image: the reconstruction term −log p(x|z) of the ELBO.
///
/// The likelihoods themselves (name, label, negative log-likelihood, its gradient for the hand-derived step, the
/// decoder's mean) are one table in likelihood.cpp, and everything else (the CLI's parser and help, the GUI's
/// chooser, checkpoints, the ELBO, the fast MLP step, decoded images) reads that table: adding a likelihood is one
/// entry there. Enumerators exist only for the likelihoods the code names; a table entry needs none.
enum class Likelihood : int { Bernoulli = 0, Gaussian = 1 };

/// The Gaussian likelihood's fixed standard deviation (pixels in [0, 1]): N(x; decoder(z), 0.1²) per pixel.
constexpr double kGaussianSigma = 0.1;

/// Every likelihood, in the table's order (the first is the default).
QList<Likelihood> allLikelihoods();
/// The name used in files and on the command line: "bernoulli", "gaussian".
QString toString(Likelihood l);
/// The names joined with '|', for usage texts: "bernoulli|gaussian".
QString likelihoodNames();
/// The label shown in the GUI, translated: "Gaussian (σ = 0.1)".
QString displayName(Likelihood l);
/// Parses a name from the table; returns false on anything else.
bool parseLikelihood(const QString &text, Likelihood *out);
