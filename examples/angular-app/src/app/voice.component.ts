/**
 * The page: a Talk button, what the assistant is doing, and the live transcript. All state is
 * the service's signals, so with zoneless change detection the view updates exactly when one of
 * them changes (a transcript word, a state), never per audio chunk.
 */
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  type ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { VoiceService } from './voice.service';

@Component({
  selector: 'app-voice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header>
      <h1>Voice assistant</h1>
      <p class="status">
        Connection <output id="connection">{{ voice.connection() }}</output> · Assistant
        <output id="assistant" [attr.data-phase]="voice.assistant()">{{
          voice.assistant()
        }}</output>
      </p>
    </header>
    @if (voice.connection() === 'off') {
      <button id="talk" type="button" (click)="voice.talk()">Talk</button>
    } @else {
      <button id="hang-up" type="button" (click)="voice.hangUp()">Hang up</button>
    }
    @if (voice.error(); as error) {
      <p id="error" role="alert">{{ error }}</p>
    }
    <ol id="transcript" aria-live="polite">
      @for (line of voice.transcript(); track line.key) {
        <li [class]="line.role" [class.partial]="!line.final">
          <span class="who">{{ line.role === 'user' ? 'You' : 'Assistant' }}</span>
          <span class="text">{{ line.text }}</span>
        </li>
      } @empty {
        <li class="hint">Press Talk and say something.</li>
      }
    </ol>
    <audio #speaker autoplay></audio>
  `,
  styles: `
    :host {
      display: block;
      max-width: 40rem;
      margin: 2rem auto;
      font:
        16px/1.5 system-ui,
        sans-serif;
    }
    .status output {
      font-weight: 600;
    }
    output[data-phase='listening'] {
      color: #0a7d32;
    }
    output[data-phase='thinking'] {
      color: #a15c00;
    }
    output[data-phase='speaking'] {
      color: #0b57d0;
    }
    button {
      font-size: 1.1rem;
      padding: 0.5rem 1.5rem;
    }
    ol {
      list-style: none;
      padding: 0;
    }
    li {
      margin: 0.5rem 0;
      padding: 0.5rem 0.75rem;
      border-radius: 0.5rem;
      background: #f1f3f4;
    }
    li.assistant {
      background: #e8f0fe;
    }
    li.partial {
      opacity: 0.7;
    }
    .who {
      font-weight: 600;
      margin-right: 0.5rem;
    }
    .hint {
      background: none;
      color: #5f6368;
    }
    #error {
      color: #b3261e;
    }
  `,
})
export class VoiceComponent {
  protected readonly voice = inject(VoiceService);
  private readonly speaker = viewChild.required<ElementRef<HTMLAudioElement>>('speaker');

  constructor() {
    // A MediaStream is not an attribute: hand it to the element as a property.
    effect(() => {
      this.speaker().nativeElement.srcObject = this.voice.remoteAudio();
    });
  }
}
