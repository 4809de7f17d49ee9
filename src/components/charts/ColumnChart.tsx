/**
 * A column chart drawn by uCharts on a 2d canvas, the same code in WeChat and the browser. Kept in
 * src/components but imported only by subpackage pages (errands, mediation): the chart library loads
 * only with those pages, never with the main package.
 * The numbers are always also shown in a table beside it: a chart is for seeing, the table for reading.
 */
import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import uCharts from '@qiun/ucharts'
import { useEffect, useMemo } from 'react'

export interface ColumnSeries {
  name: string
  data: number[]
  color: string
}

interface Props {
  /** Unique on the page: the canvas is found by it. */
  id: string
  categories: string[]
  series: ColumnSeries[]
  height?: number
  /** Words for screen readers and for anyone the canvas fails: what the chart shows. */
  label: string
}

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

function pixelRatio(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 2
  } catch {
    return 2
  }
}

/**
 * Browser build: Taro's selector query answers no `node` for a canvas, and Taro's h5 <Canvas>
 * resets its canvas's size (which wipes the drawing) each time the page renders again. So the
 * browser gets a plain <canvas> (below), found here by its id.
 */
function browserCanvas(id: string): { node: CanvasNode; width: number; height: number } | null {
  if (process.env.TARO_ENV !== 'h5') return null
  const canvas = document.querySelector<HTMLCanvasElement>(`canvas#${id}`)
  if (!canvas) return null
  const box = canvas.getBoundingClientRect()
  return box.width > 0 ? { node: canvas, width: box.width, height: box.height } : null
}

/** The axis top for counts: at least 4 and a multiple of 4, so each of the 4 steps is a whole number. */
function axisMax(series: ColumnSeries[]): number {
  const most = Math.max(0, ...series.flatMap((one) => one.data))
  return Math.max(4, Math.ceil(most / 4) * 4)
}

export default function ColumnChart({ id, categories, series, height = 220, label }: Props) {
  const key = useMemo(() => JSON.stringify([categories, series]), [categories, series])
  useEffect(() => {
    let cancelled = false
    const draw = (target: { node: CanvasNode; width: number; height: number }) => {
      if (cancelled) return
      const ratio = pixelRatio()
      const canvas = target.node
      canvas.width = target.width * ratio
      canvas.height = target.height * ratio
      try {
        new uCharts({
          type: 'column',
          context: canvas.getContext('2d'),
          width: target.width * ratio,
          height: target.height * ratio,
          pixelRatio: ratio,
          categories,
          series,
          animation: false,
          background: '#FFFFFF',
          fontSize: 12 * ratio,
          padding: [12 * ratio, 8 * ratio, 0, 4 * ratio],
          legend: { show: series.length > 1, fontSize: 12 * ratio, lineHeight: 16 * ratio },
          xAxis: { disableGrid: true, fontSize: 11 * ratio },
          // Whole numbers on the axis (counts): the top is the next multiple of the 4 steps.
          yAxis: { data: [{ min: 0, max: axisMax(series), fontSize: 11 * ratio }], splitNumber: 4 },
          extra: { column: { type: 'group', width: 14 * ratio } },
        })
      } catch (error) {
        // The table beside the chart has the same numbers: a chart that fails takes nothing away.
        console.error('[chart] not drawn', error)
      }
    }
    // The canvas exists once this render has reached the page: look for it on the next tick.
    if (process.env.TARO_ENV === 'h5') {
      const timer = setTimeout(() => {
        const target = browserCanvas(id)
        if (target) draw(target)
      }, 0)
      return () => {
        cancelled = true
        clearTimeout(timer)
      }
    }
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((found: Array<{ node?: CanvasNode; width: number; height: number } | null>) => {
          const target = found?.[0]
          if (target?.node) draw({ node: target.node, width: target.width, height: target.height })
        })
    })
    return () => {
      cancelled = true
    }
    // The chart is redrawn when what it shows changes (key), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key])
  if (process.env.TARO_ENV === 'h5') {
    return <canvas id={id} className="cz-chart" style={{ display: 'block', width: '100%', height: `${height}px` }} aria-label={label} />
  }
  return <Canvas type="2d" id={id} className="cz-chart" style={{ width: '100%', height: `${height}px` }} aria-label={label} />
}
