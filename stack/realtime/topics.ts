import type { ChannelMember } from './channel.ts'

/** Every joined channel, by topic, plus the ones listening to postgres changes. */
export class Topics {
  private byTopic = new Map<string, Set<ChannelMember>>()
  readonly changeListeners = new Set<ChannelMember>()

  add(member: ChannelMember): void {
    let members = this.byTopic.get(member.topic)
    if (!members) this.byTopic.set(member.topic, (members = new Set()))
    members.add(member)
    if (member.bindings.length) this.changeListeners.add(member)
  }

  remove(member: ChannelMember): void {
    const members = this.byTopic.get(member.topic)
    members?.delete(member)
    if (members?.size === 0) this.byTopic.delete(member.topic)
    this.changeListeners.delete(member)
  }

  members(topic: string): Iterable<ChannelMember> {
    return this.byTopic.get(topic) ?? []
  }
}
