// The 3D viewer: a mesh artifact (GLB, OBJ or PLY) with orbit controls, lights, and the camera
// framed on the mesh's bounding box.

import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { OBJLoader } from 'three/addons/loaders/OBJLoader.js';
import { PLYLoader } from 'three/addons/loaders/PLYLoader.js';

const BACKGROUND = 0xf3f5f8;

export function formatOf(name) {
  const ext = name.toLowerCase().split('.').pop();
  return ['glb', 'gltf', 'obj', 'ply'].includes(ext) ? ext : null;
}

async function parse(buffer, format) {
  if (format === 'glb' || format === 'gltf') {
    const gltf = await new GLTFLoader().parseAsync(buffer, '');
    return gltf.scene;
  }
  if (format === 'obj') {
    return new OBJLoader().parse(new TextDecoder().decode(buffer));
  }
  if (format === 'ply') {
    const geometry = new PLYLoader().parse(buffer);
    const coloured = geometry.hasAttribute('color');
    // Vertex colours from the photo show as they are; a plain mesh gets the neutral blue-grey.
    const material = new THREE.MeshStandardMaterial({
      color: coloured ? 0xffffff : 0xb8c4d6, roughness: 0.6, metalness: 0.05, vertexColors: coloured,
    });
    return new THREE.Mesh(geometry, material);
  }
  throw new Error(`No viewer for ${format}`);
}

export class MeshViewer {
  /** @param {HTMLElement} container receives the canvas; sized by CSS */
  constructor(container) {
    this.container = container;
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.renderer.domElement.className = 'viewer-canvas';
    this.renderer.domElement.setAttribute('role', 'img');
    this.renderer.domElement.setAttribute('aria-label', '3D view of the mesh; drag to orbit, scroll to zoom');
    container.append(this.renderer.domElement);

    this.scene = new THREE.Scene();
    this.scene.background = new THREE.Color(BACKGROUND);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x6d6d7a, 1.1));
    const key = new THREE.DirectionalLight(0xffffff, 1.7);
    key.position.set(2, 3, 2.5);
    const fill = new THREE.DirectionalLight(0xdde6ff, 0.6);
    fill.position.set(-2.5, 1, -1.5);
    this.scene.add(key, fill);

    this.camera = new THREE.PerspectiveCamera(40, 1, 0.01, 100);
    this.camera.position.set(1.5, 1.1, 1.8);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;

    this.resize();
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(container);
    this.renderer.setAnimationLoop(() => {
      this.controls.update();
      this.renderer.render(this.scene, this.camera);
    });
  }

  resize() {
    const w = Math.max(1, this.container.clientWidth);
    const h = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
  }

  /** Shows the mesh in buffer; resolves to {vertices, faces}. */
  async show(buffer, format) {
    const object = await parse(buffer, format);
    let vertices = 0;
    let faces = 0;
    object.traverse((node) => {
      if (!node.isMesh) {
        return;
      }
      const g = node.geometry;
      if (!g.hasAttribute('normal')) {
        g.computeVertexNormals();
      }
      const materials = Array.isArray(node.material) ? node.material : [node.material];
      for (const m of materials) {
        // Meshes from marching cubes may show either side; never let a face vanish.
        m.side = THREE.DoubleSide;
      }
      vertices += g.attributes.position.count;
      faces += g.index ? g.index.count / 3 : g.attributes.position.count / 3;
    });
    if (this.object) {
      this.scene.remove(this.object);
    }
    this.object = object;
    this.scene.add(object);
    this.frame(object);
    return { vertices, faces };
  }

  /** Points the camera at the object's bounding box from a three-quarter view, near and far planes to match. */
  frame(object) {
    const box = new THREE.Box3().setFromObject(object);
    if (box.isEmpty()) {
      return;
    }
    const center = box.getCenter(new THREE.Vector3());
    const radius = Math.max(box.getSize(new THREE.Vector3()).length() / 2, 1e-6);
    const distance = (radius / Math.sin(THREE.MathUtils.degToRad(this.camera.fov / 2))) * 1.15;
    const direction = new THREE.Vector3(1, 0.7, 1.2).normalize();
    this.camera.position.copy(center).addScaledVector(direction, distance);
    this.camera.near = distance / 100;
    this.camera.far = distance * 100;
    this.camera.updateProjectionMatrix();
    this.controls.target.copy(center);
    this.controls.minDistance = radius * 0.2;
    this.controls.maxDistance = distance * 10;
    this.controls.update();
  }

  dispose() {
    this.renderer.setAnimationLoop(null);
    this.observer.disconnect();
    this.controls.dispose();
    this.scene.traverse((node) => {
      if (node.isMesh) {
        node.geometry.dispose();
        (Array.isArray(node.material) ? node.material : [node.material]).forEach((m) => m.dispose());
      }
    });
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
