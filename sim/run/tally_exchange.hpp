// How the ranks of a distributed run combine their partial tallies: called once per job,
// in job order, on every rank; rank 0 gets the complete tally. The single-process version
// is the identity; the MPI one lives in run/mpi/ (built with -DBYZSIM_MPI=ON).
#pragma once

#include "sim/core/tally.hpp"

namespace byzsim {

class TallyExchange {
 public:
  virtual ~TallyExchange() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Rank 0: the merge of every rank's `local` for this job. Other ranks: an empty tally.
  virtual Tally combine(const Tally& local) = 0;
};

class SingleProcess final : public TallyExchange {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  Tally combine(const Tally& local) override { return local; }
};

}  // namespace byzsim
