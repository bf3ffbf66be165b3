# MPI runs write the same bytes as a single process (rank 0 writes; ranks share work units).
# Run by ctest when the build was configured with -DBYZSIM_MPI_BINARY=PATH (make test does).
# usage: bash tests/mpi/mpi_run.sh BYZSIM BYZSIM_MPI SOURCE_DIR
source "$(dirname "$0")/../cli/lib.bash" "$1" "$3"
MPI_BIN=$2
mpi=(mpirun --allow-run-as-root --oversubscribe)
sweep="$SRC/scenarios/sweeps/sweep-faults-7.json"
seed7="$SRC/scenarios/seed/deployment-7.json"

"$BIN" run "$sweep" "$seed7" --trials 3000 --quiet -o "$T/single.csv"
"${mpi[@]}" -np 2 "$MPI_BIN" run "$sweep" "$seed7" --trials 3000 --quiet -o "$T/np2.csv"
check "mpirun -np 2 writes the same bytes as one process" cmp -s "$T/single.csv" "$T/np2.csv"
"${mpi[@]}" -np 3 "$MPI_BIN" run "$sweep" "$seed7" --trials 3000 --threads 1 --quiet -o "$T/np3.csv"
check "mpirun -np 3 writes the same bytes as one process" cmp -s "$T/single.csv" "$T/np3.csv"
"$MPI_BIN" run "$sweep" "$seed7" --trials 3000 --quiet -o "$T/np1.csv"
check "the MPI build without mpirun writes the same bytes" cmp -s "$T/single.csv" "$T/np1.csv"
"${mpi[@]}" -np 2 "$MPI_BIN" run "$sweep" --trials 3000 --quiet --resume -o "$T/np2.csv" 2>"$T/err"; code=$?
check "--resume under mpirun is refused with exit 2" test "$code" = 2
finish
