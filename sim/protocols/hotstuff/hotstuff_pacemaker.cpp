// HotStuff's pacemaker: a follower's view timer runs view_timeout x growth^k, where k counts the
// leader terms since its last progress (a commit; before the decision, since view 0). The
// length of a view is thus a function of its number: a replica behind catches up, since all
// earlier terms together last less than the current one (growth >= 2), and once views outlast
// the network's delays after GST one honest leader's term commits. On a timeout it skips to the
// first view of the next leader's term and sends that leader a NEW-VIEW with its highest QC and
// its signed review vote; a leader with a quorum of NEW-VIEWs proposes on the highest QC among
// them; a committed leader answers NEW-VIEWs with DECIDE.
#include "sim/protocols/hotstuff/hotstuff.hpp"

#include <algorithm>

namespace byzsim {

using namespace hotstuff;

void HotStuff::enter_view(int agent, int view) {
  if (view >= config_.max_views) return;
  Replica& r = at(agent);
  r.view = view;
  if (view + 1 > views_started_) views_started_ = view + 1;
  if (env_.trace) trace("view", agent, -1, "enters view " + std::to_string(view));
  if (r.decided == Vote::none)
    arm_timer(agent,
              saturating_add(env_.simulator.now(),
                             config_.timeout(std::max(0, config_.term(view) - r.base_term))));
  if (config_.leader(view) == id(agent)) leader_enter(agent, view);
}

void HotStuff::arm_timer(int agent, SimTime deadline) {
  Replica& r = at(agent);
  r.deadline = deadline;
  if (r.timer_pending) return;  // it fires early and moves on to the deadline
  r.timer_pending = true;
  env_.simulator.schedule_at(deadline, static_cast<std::uint32_t>(agent), kViewTimer,
                             static_cast<std::uint16_t>(r.view), 0);
}

void HotStuff::on_view_timer(int agent, int) {
  Replica& r = at(agent);
  r.timer_pending = false;
  if (!alive(agent) || !r.follows || r.decided != Vote::none) return;
  if (env_.simulator.now() < r.deadline) {  // the view changed since: wait for its deadline
    arm_timer(agent, r.deadline);
    return;
  }
  const int view = r.view;
  ++r.timeouts;
  if (env_.trace) trace("timeout", agent, -1, "view " + std::to_string(view));
  const int next = config_.next_term(view);
  if (next >= config_.max_views) {
    if (env_.trace) trace("give-up", agent, -1, "max_views reached");
    return;
  }
  NewViewRecord record;
  record.sender = id(agent);
  record.qc_view = r.high_view;
  record.qc_value = r.high_value;
  if (r.voted) record.vote = env_.population[record.sender].vote;
  const int leader = config_.leader(next);
  if (leader == record.sender)
    book_.add_new_view(next, slot(agent), record);
  else
    send(agent, leader, kNewView, next, book_.push(record));
  enter_view(agent, next);
  if (leader == record.sender) try_propose(agent, next);
}

void HotStuff::on_new_view(int agent, int view, std::uint32_t index) {
  const NewViewRecord& record = book_.record(index);
  if (env_.trace)
    trace_message("deliver", record.sender, agent, kNewView, view, Vote::none, -1,
                  record.qc_view == kGenesis
                      ? std::string("no QC")
                      : "high QC " + block_name(record.qc_view, record.qc_value));
  if (!alive(agent) || config_.leader(view) != id(agent)) return;
  Replica& r = at(agent);
  if (!r.follows) {
    notice(agent, view);
    book_.add_new_view(view, slot(agent), record);
    try_propose(agent, view);
    return;
  }
  if (r.decided != Vote::none) {
    send(agent, record.sender, kDecide, r.decided_view, pack(id(agent), r.decided));
    return;
  }
  if (!book_.add_new_view(view, slot(agent), record)) return;
  // A quorum of NEW-VIEWs for a later view is evidence that the view began: join it.
  if (r.view < view &&
      static_cast<int>(book_.ledger(view, slot(agent)).new_views) >= config_.quorum)
    enter_view(agent, view);
  try_propose(agent, view);
}

}  // namespace byzsim
