#pragma once

#include "training/machinespeed.h"
#include "training/trainconfig.h"

/// What a training run is expected to take on one thread of a quiet machine, before any of its steps has been timed:
/// the label graph (LabelGraph::expectedSeconds) and the optimiser steps weighed by what a step costs. For a progress
/// bar's share of each phase and its first time left; the transfer's plan (TransferPlan) weighs its steps alike.
struct RunPlan
{
    /// One plain MLP step of 128 images on Fashion-MNIST, one thread (4.0 s per 469-step epoch).
    static constexpr double kSecondsPerUnit = 0.0085;

    double graphSeconds = 0;    ///< the label graph before the first epoch (0 without one)
    double trainingSeconds = 0; ///< the epochs, each with its evaluation of the test images

    /// One optimiser step of `model` at batch 128, in units: a plain MLP VAE 1, a plain conv VAE 7.5; the
    /// semi-supervised MLP model 4.5, 11.4 when its classifier reads gradient histograms (sessions 19–22: 19.0 and
    /// 41.0 s per Fashion-MNIST epoch against 4.0). The semi-supervised conv model's step was not measured: the conv
    /// VAE's plus what labels add to the MLP's.
    static double stepUnits(const ModelSpec &model);
    /// One image's −ELBO evaluated by `model` (each epoch's test figures), in units: a plain MLP 0.0053 (10,000 images
    /// in 0.45 s), a conv model 7.5 times that; the bound of a semi-supervised model sums over its classes (measured
    /// 11.7 times as long with 10).
    static double evaluationUnits(const ModelSpec &model);
    /// The plan of `config` on `trainImages` training and `testImages` evaluation images (those the run uses), on a
    /// machine of `speed` (the costs' own machine unless told; MachineSpeed::measured() is this one).
    static RunPlan of(const TrainConfig &config, int trainImages, int testImages, const MachineSpeed &speed = {});
    /// of() on this computer (MachineSpeed::forPlanOf the plan's seconds on the costs' own machine).
    static RunPlan onThisMachine(const TrainConfig &config, int trainImages, int testImages);

    double seconds() const { return graphSeconds + trainingSeconds; }
    /// The graph's part of the whole run, 0…1.
    double graphShare() const;
};
