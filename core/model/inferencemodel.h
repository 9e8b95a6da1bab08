#pragma once

#include "data/dataset.h"
#include "model/modelspec.h"
#include "training/trainstats.h"
#include "util/result.h"

#include <QImage>
#include <QVector>

#include <memory>

/// A VAE owned by the calling thread, for decoding and encoding (the GUI's own copy; never the trained module).
/// Copies share the weights; use from one thread at a time.
class InferenceModel
{
public:
    InferenceModel();
    ~InferenceModel();
    InferenceModel(const InferenceModel &);
    InferenceModel &operator=(const InferenceModel &);

    /// Builds the model and loads `weights`; fails with a message if their number does not fit `spec`.
    static Result<InferenceModel> create(const ModelSpec &spec, const QVector<float> &weights);
    static Result<InferenceModel> create(const ModelSnapshot &snapshot)
    {
        return create(snapshot.spec, snapshot.weights);
    }

    bool isValid() const;
    ModelSpec spec() const;
    int latentDim() const;

    /// The semi-supervised model's number of classes (0 for the plain VAE).
    int classCount() const;

    /// Decodes one latent vector into a 28×28 grayscale image (the mean of p(x|z)). The semi-supervised model decodes
    /// under the uniform label.
    QImage decode(const QVector<float> &z) const;
    /// The semi-supervised model: the mean of p(x|y = label, z) (label in 0..classCount()−1). Else decode(z).
    QImage decode(const QVector<float> &z, int label) const;
    /// The semi-supervised model's analogies row: the same z (one style) decoded under every class, in class order.
    /// Empty for the plain VAE.
    QVector<QImage> decodeUnderEveryClass(const QVector<float> &z) const;
    /// The semi-supervised model's classifier q(y|x) for the images at `indices` of `data` (all if empty):
    /// row-major count × classCount() probabilities. Empty for the plain VAE.
    QVector<float> classProbabilities(const Dataset &data, const QVector<int> &indices = {}) const;
    /// The class q(y|x) finds most probable for each image of `data`, in order. Empty for the plain VAE.
    QVector<int> predictedClasses(const Dataset &data) const;
    /// The semi-supervised model's classifier features: its last hidden layer (after the ReLU) for the images at `indices`
    /// of `data` (all if empty), each row scaled to unit length; row-major count × classifierFeatureWidth(). Empty for
    /// the plain VAE. Few-shot prototypes on these carry over to classes the classifier never saw better than μ does.
    QVector<float> classifierFeatures(const Dataset &data, const QVector<int> &indices = {}) const;
    int classifierFeatureWidth() const; ///< 0 for the plain VAE
    /// Decodes many latent vectors.
    QVector<QImage> decode(const QVector<QVector<float>> &zs) const;
    /// The semi-supervised model: each z decoded under its label distribution ys[i] (classCount() probabilities; an
    /// empty or misfit one: the uniform label). Else decode(zs).
    QVector<QImage> decode(const QVector<QVector<float>> &zs, const QVector<QVector<float>> &ys) const;
    /// Encoder means μ(x) for one image (any size; converted to 28×28 grayscale).
    QVector<float> encodeMean(const QImage &image) const;
    /// Encoder means for the images at `indices` of `data` (all if empty), row-major count × latent.
    QVector<float> encodeMeans(const Dataset &data, const QVector<int> &indices = {}) const;
    /// The images at `indices` of `data` (all if empty) through the model: the mean of p(x|μ(x)) (the semi-supervised
    /// model's under q(y|x), as a run's Reconstructions show them).
    QVector<QImage> reconstruct(const Dataset &data, const QVector<int> &indices = {}) const;
    /// Draws `perImage` latents from q(z|x) for each image and decodes them (latent augmentation).
    QVector<QImage> sampleReconstructions(const Dataset &data, int perImage, quint64 seed) const;

private:
    struct Impl;
    std::shared_ptr<Impl> d;
};
