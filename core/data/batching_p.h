#pragma once

// Private to core: uint8 images to float batches, converted only when used.

#include "data/dataset.h"

#include <torch/torch.h>

/// A 28×28 tensor of values in [0, 1] as an 8-bit grayscale image (a deep copy).
QImage tensorToImage(const torch::Tensor &pixels01);
/// A B×784 tensor of values in [0, 1] as B images, converted in one pass (not B small tensor ops).
QVector<QImage> tensorToImages(const torch::Tensor &pixels01);

/// Wraps a Dataset's uint8 pixels (shared, not copied) and makes float batches in [0, 1].
class Batcher
{
public:
    explicit Batcher(const Dataset &data);

    int count() const { return m_count; }
    /// Images [start, start + count) as count×1×28×28 floats.
    torch::Tensor range(int start, int count) const;
    /// Images at `indices` (int64 tensor) as B×1×28×28 floats.
    torch::Tensor gather(const torch::Tensor &indices) const;

private:
    QByteArray m_pixels; // keeps the bytes alive for m_bytes
    torch::Tensor m_bytes;
    int m_count = 0;
    int m_rows = 28, m_cols = 28;
};
