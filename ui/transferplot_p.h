#pragma once

// Used by the transfer wizard's run and results pages only.

#include "plotinclude.h"

/// A legend inside the axes would hide data (the newest points, the tallest bars): it goes in a row below them.
inline void placeLegendBelow(QCustomPlot *plot)
{
    plot->legend->setVisible(true);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->plotLayout()->addElement(1, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
}
