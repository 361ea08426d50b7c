import { Volume2 } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button } from '../ui/button.tsx'
import { speakAnalysis } from '../../lib/speak-analysis.ts'

type State =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'playing' | 'finished'; voice: 'elevenlabs' | 'browser' }
  | { phase: 'failed'; message: string }

const VOICE_LABEL = { elevenlabs: 'ElevenLabs voice', browser: "your browser's voice (no ElevenLabs key is set)" } as const

/** Reads a stored analysis aloud: ElevenLabs audio when the server has a key, else the browser's speech synthesis. */
export function ReadAloudButton({ analysisId }: { analysisId: string }) {
  const [state, setState] = useState<State>({ phase: 'idle' })
  const audio = useRef<HTMLAudioElement | null>(null)
  useEffect(() => () => {
    audio.current?.pause()
    if (typeof window !== 'undefined' && 'speechSynthesis' in window) window.speechSynthesis.cancel()
  }, [])

  const read = async () => {
    setState({ phase: 'loading' })
    try {
      const speech = await speakAnalysis(analysisId)
      if (speech.mode === 'audio') {
        const player = new Audio(URL.createObjectURL(speech.audio))
        audio.current = player
        player.onended = () => setState({ phase: 'finished', voice: 'elevenlabs' })
        await player.play()
        setState({ phase: 'playing', voice: 'elevenlabs' })
      } else {
        if (!('speechSynthesis' in window)) throw new Error('This browser cannot speak, and no ElevenLabs key is set')
        const utterance = new SpeechSynthesisUtterance(speech.text)
        utterance.onend = () => setState({ phase: 'finished', voice: 'browser' })
        window.speechSynthesis.speak(utterance)
        setState({ phase: 'playing', voice: 'browser' })
      }
    } catch (error) {
      setState({ phase: 'failed', message: (error as Error).message })
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" variant="outline" onClick={() => void read()} disabled={state.phase === 'loading'}>
        <Volume2 /> {state.phase === 'loading' ? 'Preparing…' : 'Read aloud'}
      </Button>
      {(state.phase === 'playing' || state.phase === 'finished') && (
        <span className="text-xs text-muted-foreground" role="status" data-testid="read-aloud-status">
          {state.phase === 'playing' ? 'Reading' : 'Read'} with {VOICE_LABEL[state.voice]}
        </span>
      )}
      {state.phase === 'failed' && <span className="text-xs text-destructive" role="alert" data-testid="read-aloud-status">{state.message}</span>}
    </div>
  )
}
