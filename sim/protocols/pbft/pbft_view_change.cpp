// Pbft's view change: a follower that has not committed when its view times out moves to the
// next view and broadcasts VIEW-CHANGE with its prepared certificate and signed vote; f+1
// VIEW-CHANGEs for a later view make an agent join it; committed agents answer with DECIDE.
#include "sim/protocols/pbft/pbft.hpp"

namespace byzsim {

using namespace pbft;

void Pbft::enter_view(int agent, int view, bool send_view_change_message) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  r.view = view;
  r.accepted = Vote::none;
  r.commit_sent = false;
  if (view + 1 > views_started_) views_started_ = view + 1;
  if (env_.trace) trace("view", agent, -1, "enters view " + std::to_string(view));
  env_.simulator.schedule_at(saturating_add(env_.simulator.now(), config_.timeout(view)),
                             static_cast<std::uint32_t>(agent), kViewTimer,
                             static_cast<std::uint16_t>(view), 0);
  if (send_view_change_message) send_view_change(agent, view);
  if (config_.leader(view) == id(agent)) leader_enter(view, agent);
}

void Pbft::on_view_timer(int agent, int view) {
  if (!alive(agent)) return;
  const Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (!r.follows || r.view != view || r.decided != Vote::none) return;
  if (env_.trace) trace("timeout", agent, -1, "view " + std::to_string(view));
  if (view + 1 >= config_.max_views) {
    if (env_.trace) trace("give-up", agent, -1, "max_views reached");
    return;
  }
  enter_view(agent, view + 1, true);
}

void Pbft::send_view_change(int agent, int view) {
  const Replica& r = agents_[static_cast<std::size_t>(agent)];
  ViewChangeRecord record;
  record.sender = id(agent);
  record.view = static_cast<std::uint16_t>(view);
  record.prepared_view = static_cast<std::int16_t>(r.prepared_view);
  record.prepared_value = r.prepared_value;
  if (r.follows && r.voted) record.vote = env_.population[record.sender].vote;
  const std::uint32_t index = book_.push(record);
  broadcast(agent, kViewChange, view, index);
  if (config_.leader(view) == record.sender) {
    book_.record(index).at_leader = true;
    leader_book(agent).add_view_change(record);
  }
}

void Pbft::on_view_change(int agent, int view, std::uint32_t index) {
  ViewChangeRecord& record = book_.record(index);
  if (env_.trace)
    trace_message("deliver", record.sender, agent, kViewChange, view, Vote::none, -1,
                  record.prepared_view >= 0 ? "prepared v" + std::to_string(record.prepared_view) +
                                                  " " + value_name(record.prepared_value)
                                            : std::string("nothing prepared"));
  if (!alive(agent)) return;
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  const bool leads = config_.leader(view) == id(agent);
  if (leads) {
    record.at_leader = true;
    leader_book(agent).add_view_change(record);
  }
  if (!r.follows) {
    notice(agent, view);
    if (leads) try_propose(view, agent);
    return;
  }
  if (r.decided != Vote::none) {
    send(agent, record.sender, kDecide, r.decided_view, pack(id(agent), r.decided));
    return;
  }
  if (leads && r.view == view) try_propose(view, agent);
  if (view <= r.view) return;
  SlotCounts* s = book_.slot(agent, view, r.view);
  if (s && static_cast<int>(++s->view_changes) >= config_.f + 1) enter_view(agent, view, true);
}

}  // namespace byzsim
