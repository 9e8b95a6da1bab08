#pragma once

/// How long this computer takes for the work the plans cost (RunPlan, TransferPlan, LabelGraph::expectedSeconds),
/// against the machine their unit costs were measured on: 1 = as long, 1.5 = half as long again. The plans' time
/// estimates multiply by it. Measured once per process on one thread, in about half a second: a few optimiser steps of
/// a plain MLP VAE, and a block of the label graph's patch features and nearest neighbours (its two costly steps).
/// Without it, a transfer the plan put at 7 min took 12 min on a slower 2-core machine (docs/performance.md, session 34).
struct MachineSpeed
{
    double steps = 1.0; ///< an optimiser step (and what the plans weigh in steps: evaluations, classifiers)
    double graph = 1.0; ///< the label graph

    /// Starts the measurement on a thread of its own unless it has started; returns at once. The window calls it at
    /// start-up, so the wizard's estimate never waits for it.
    static void startMeasuring();
    /// This computer's speed: waits for the measurement (starting it if need be); the same value afterwards.
    static MachineSpeed measured();
    /// measured() for a plan of `plannedSeconds` on the costs' own machine that is long enough for the difference to
    /// matter (20 s or more); otherwise that machine's speed at once, without measuring (tests and tiny runs).
    static MachineSpeed forPlanOf(double plannedSeconds);
    /// Makes measured() return `speed` from now on, without measuring: for tests whose figures must not depend on the
    /// machine or its load.
    static void assume(const MachineSpeed &speed);
    /// The measurement itself, on the calling thread (for tests and benchmarks; measured() keeps the first).
    static MachineSpeed measure();
};
