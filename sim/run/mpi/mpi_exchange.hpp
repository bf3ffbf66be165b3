// TallyExchange over MPI (COMM_WORLD): non-root ranks send each job's partial tally to
// rank 0, which merges them in rank order. Only in builds with -DBYZSIM_MPI=ON.
#pragma once

#include "sim/run/tally_exchange.hpp"

namespace byzsim {

class MpiExchange final : public TallyExchange {
 public:
  MpiExchange();
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  Tally combine(const Tally& local) override;

 private:
  int rank_ = 0;
  int size_ = 1;
};

// RAII for MPI_Init_thread / MPI_Finalize around main.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
};

}  // namespace byzsim
