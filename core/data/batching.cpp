#include "data/batching_p.h"

Batcher::Batcher(const Dataset &data)
    : m_pixels(data.pixels)
    , m_count(data.count())
    , m_rows(data.rows)
    , m_cols(data.cols)
{
    m_bytes = torch::from_blob(const_cast<char *>(m_pixels.constData()), {m_count, m_rows * m_cols}, torch::kUInt8);
}

torch::Tensor Batcher::range(int start, int count) const
{
    return m_bytes.narrow(0, start, count).to(torch::kFloat).div_(255.0f).view({count, 1, m_rows, m_cols});
}

torch::Tensor Batcher::gather(const torch::Tensor &indices) const
{
    const auto n = indices.size(0);
    return m_bytes.index_select(0, indices).to(torch::kFloat).div_(255.0f).view({n, 1, m_rows, m_cols});
}

QImage tensorToImage(const torch::Tensor &pixels01)
{
    return tensorToImages(pixels01.reshape({1, 28 * 28})).constFirst();
}

QVector<QImage> tensorToImages(const torch::Tensor &pixels01)
{
    const auto count = pixels01.size(0);
    const auto bytes = (pixels01.reshape({count, 28 * 28}).clamp(0, 1) * 255.0f).round().to(torch::kUInt8).contiguous();
    QVector<QImage> images;
    images.reserve(count);
    const uint8_t *src = bytes.data_ptr<uint8_t>();
    for (int64_t i = 0; i < count; ++i) {
        QImage img(28, 28, QImage::Format_Grayscale8);
        for (int y = 0; y < 28; ++y)
            std::copy_n(src + i * 784 + y * 28, 28, img.scanLine(y));
        images.append(img);
    }
    return images;
}
