#include "analysis/latentprojection.h"

#include "analysis/latentmath.h"
#include "model/inferencemodel.h"
#include "training/threadpolicy.h"

#include <QCoreApplication>

LatentProjection LatentProjection::compute(const ModelSnapshot &snapshot, const Dataset &test, int maxPoints)
{
    // A background job: one LibTorch thread, so the map never competes with the trainer for every core.
    applyTrainingThreads(1);
    LatentProjection out;
    out.epoch = snapshot.epoch;
    out.styleGivenClass = snapshot.spec.isSemiSupervised();
    Result<InferenceModel> model = InferenceModel::create(snapshot);
    if (!model) {
        out.error = model.error();
        return out;
    }
    const int count = test.count();
    if (count == 0) {
        out.error = QCoreApplication::translate("LatentProjection", "The test set is empty.");
        return out;
    }
    // An even stride over the whole set keeps every class represented whatever the set's order.
    const int n = qMin(count, maxPoints);
    for (int i = 0; i < n; ++i)
        out.indices.append(int(qint64(i) * count / n));
    out.latentDim = model.value().latentDim();
    out.means = model.value().encodeMeans(test, out.indices);
    if (out.means.size() != qsizetype(n) * out.latentDim) {
        out.error =
            QCoreApplication::translate("LatentProjection", "The encoder returned an unexpected number of values.");
        return out;
    }
    out.muVariance = LatentMath::meanVariance(out.means, out.latentDim);
    out.pca = Pca::fit(out.means, out.latentDim);
    out.points.reserve(n);
    for (int i = 0; i < n; ++i)
        out.points.append(out.pca.project(out.means.constData() + qsizetype(i) * out.latentDim));
    if (test.hasLabels())
        for (int index : std::as_const(out.indices))
            out.labels.append(test.labels.value(index));
    return out;
}
