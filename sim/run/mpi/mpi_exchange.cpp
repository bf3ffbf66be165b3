// MpiExchange: point-to-point messages of 64-bit words, tag = 1; jobs arrive in order
// because every rank calls combine() in job order.
#include "sim/run/mpi/mpi_exchange.hpp"

#include <mpi.h>

#include <stdexcept>

#include "sim/run/tally_codec.hpp"

namespace byzsim {

MpiSession::MpiSession(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
}

MpiSession::~MpiSession() {
  MPI_Finalize();
}

MpiExchange::MpiExchange() {
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Tally MpiExchange::combine(const Tally& local) {
  constexpr int kTag = 1;
  if (rank_ != 0) {
    const auto words = encode_tally(local);
    MPI_Send(words.data(), static_cast<int>(words.size()), MPI_UINT64_T, 0, kTag, MPI_COMM_WORLD);
    return Tally{};
  }
  Tally total = local;
  for (int source = 1; source < size_; ++source) {
    MPI_Status status;
    MPI_Probe(source, kTag, MPI_COMM_WORLD, &status);
    int count = 0;
    MPI_Get_count(&status, MPI_UINT64_T, &count);
    std::vector<std::uint64_t> words(static_cast<std::size_t>(count));
    MPI_Recv(words.data(), count, MPI_UINT64_T, source, kTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    Tally part;
    if (!decode_tally(words.data(), words.size(), part))
      throw std::runtime_error("malformed tally received from rank " + std::to_string(source));
    total.merge(part);
  }
  return total;
}

}  // namespace byzsim
